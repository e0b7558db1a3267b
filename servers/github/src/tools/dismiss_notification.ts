import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';

export default defineTool({
  name: 'dismiss_notification',
  title: 'Dismiss notification',
  description: 'Mark one notification thread read, or done (removed from the inbox).',
  inputSchema: z.object({ threadID: z.string(), state: z.enum(['read', 'done']) }),
  outputSchema: z.object({ threadID: z.string(), state: z.string() }),
  annotations: writes({ openWorld: true, idempotent: true }),
  toolset: 'notifications',
  handler: async (input, ctx) => {
    const thread_id = Number(input.threadID);
    if (input.state === 'done') await ctx.deps.gh.rest.activity.markThreadAsDone({ thread_id });
    else await ctx.deps.gh.rest.activity.markThreadAsRead({ thread_id });
    return input;
  },
});
