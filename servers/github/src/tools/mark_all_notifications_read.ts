import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';

export default defineTool({
  name: 'mark_all_notifications_read',
  title: 'Mark all notifications read',
  description:
    "Mark every notification read, or only one repository's; optionally only those up to lastReadAt.",
  inputSchema: z.object({
    lastReadAt: z.string().optional(),
    owner: z.string().optional(),
    repo: z.string().optional(),
  }),
  outputSchema: z.object({ scope: z.string() }),
  annotations: writes({ openWorld: true, idempotent: true }),
  toolset: 'notifications',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const at = input.lastReadAt ? { last_read_at: input.lastReadAt } : {};
    if (input.owner && input.repo) {
      await gh.rest.activity.markRepoNotificationsAsRead({ owner: input.owner, repo: input.repo, ...at });
      return { scope: `${input.owner}/${input.repo}` };
    }
    await gh.rest.activity.markNotificationsAsRead(at);
    return { scope: 'all' };
  },
});
