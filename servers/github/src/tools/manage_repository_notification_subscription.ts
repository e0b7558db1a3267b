import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'manage_repository_notification_subscription',
  title: 'Manage repository subscription',
  description: 'watch or ignore a repository, or delete your subscription (back to the default).',
  inputSchema: z.object({ owner, repo, action: z.enum(['ignore', 'watch', 'delete']) }),
  outputSchema: z.object({ repo: z.string(), action: z.string() }),
  annotations: writes({ openWorld: true, idempotent: true }),
  toolset: 'notifications',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo, request: { signal: ctx.signal } };
    if (input.action === 'delete') await gh.rest.activity.deleteRepoSubscription(where);
    else {
      const ignored = input.action === 'ignore';
      await gh.rest.activity.setRepoSubscription({ ...where, subscribed: !ignored, ignored });
    }
    return { repo: `${input.owner}/${input.repo}`, action: input.action };
  },
});
