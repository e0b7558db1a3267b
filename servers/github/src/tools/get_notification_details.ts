import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { text } from '../sanitize.js';

export default defineTool({
  name: 'get_notification_details',
  title: 'Get notification',
  description: 'One notification thread by id (from list_notifications), with the API URL of its subject.',
  inputSchema: z.object({ notificationID: z.string().regex(/^\d+$/, 'a numeric thread id') }),
  outputSchema: z.object({
    id: z.string(),
    repo: z.string(),
    title: z.string(),
    type: z.string(),
    reason: z.string(),
    unread: z.boolean(),
    updated: z.string(),
    subjectUrl: z.string().nullable(),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'notifications',
  handler: async (input, ctx) => {
    const { data: n } = await ctx.deps.gh.rest.activity.getThread({
      thread_id: Number(input.notificationID),
      request: { signal: ctx.signal },
    });
    return {
      id: n.id,
      repo: n.repository.full_name,
      title: text(n.subject.title) ?? '',
      type: n.subject.type,
      reason: n.reason,
      unread: n.unread,
      updated: n.updated_at,
      subjectUrl: n.subject.url,
    };
  },
});
