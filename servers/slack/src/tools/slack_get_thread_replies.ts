import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, readableChannel, type SlackContext } from '../deps.js';
import { messagesOutput, renderMessages } from '../format.js';
import { conversationPage, durationSchema } from '../history.js';
import { channelArg, cursorArg, tsArg } from '../tool-args.js';

export default defineTool({
  name: 'slack_get_thread_replies',
  title: 'Thread replies',
  description: 'A thread, oldest first: the parent message, then its replies.',
  inputSchema: z.object({
    channel_id: channelArg,
    thread_ts: tsArg.describe("The parent message's ts"),
    limit: z.number().int().min(1).max(1000).default(100).describe('Messages per page'),
    duration: durationSchema.optional(),
    cursor: cursorArg,
  }),
  outputSchema: messagesOutput,
  annotations: readOnly({ openWorld: true }),
  handler: async ({ channel_id, thread_ts, limit, duration, cursor }, ctx: SlackContext) => {
    const { deps } = ctx;
    const id = await readableChannel(deps, channel_id);
    return conversationPage(
      deps,
      id,
      'conversations.replies',
      { ts: thread_ts },
      { limit, duration, cursor },
    );
  },
  render: renderMessages,
});
