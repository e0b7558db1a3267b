import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, readableChannel, type SlackContext } from '../deps.js';
import { messagesOutput, renderMessages } from '../format.js';
import { conversationPage, durationSchema } from '../history.js';
import { channelArg, cursorArg } from '../tool-args.js';

export default defineTool({
  name: 'slack_get_channel_history',
  title: 'Channel history',
  description:
    'Recent messages of a channel, newest first, by count or duration. Thread replies: slack_get_thread_replies.',
  inputSchema: z.object({
    channel_id: channelArg,
    limit: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('Messages per page (default 10, or 100 with duration)'),
    duration: durationSchema.optional(),
    cursor: cursorArg,
  }),
  outputSchema: messagesOutput,
  annotations: readOnly({ openWorld: true }),
  handler: async ({ channel_id, limit, duration, cursor }, ctx: SlackContext) => {
    const { deps } = ctx;
    const id = await readableChannel(deps, channel_id);
    return conversationPage(
      deps,
      id,
      'conversations.history',
      {},
      { limit: limit ?? (duration ? 100 : 10), duration, cursor },
    );
  },
  render: renderMessages,
});
