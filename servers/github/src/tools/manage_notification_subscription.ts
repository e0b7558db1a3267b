import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';

export default defineTool({
  name: 'manage_notification_subscription',
  title: 'Manage thread subscription',
  description: 'watch or ignore a notification thread, or delete your subscription (back to the default).',
  inputSchema: z.object({
    notificationID: z.string().regex(/^\d+$/, 'a numeric thread id'),
    action: z.enum(['ignore', 'watch', 'delete']),
  }),
  outputSchema: z.object({ notificationID: z.string(), action: z.string() }),
  annotations: writes({ openWorld: true, idempotent: true }),
  toolset: 'notifications',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const thread_id = Number(input.notificationID);
    const request = { signal: ctx.signal };
    if (input.action === 'delete') await gh.rest.activity.deleteThreadSubscription({ thread_id, request });
    else
      await gh.rest.activity.setThreadSubscription({
        thread_id,
        ignored: input.action === 'ignore',
        request,
      });
    return input;
  },
});
