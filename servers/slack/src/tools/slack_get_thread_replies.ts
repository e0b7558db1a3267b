import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, readableChannel, type SlackContext } from '../deps.js';
import { toMessage } from '../format.js';
import { durationSchema, fetchMessages } from '../history.js';
import { channelArg, cursorArg, tsArg } from '../tool-args.js';
import { messagesOutput, renderMessages } from './slack_get_channel_history.js';

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
    const [page, names] = await Promise.all([
      fetchMessages(
        deps.api,
        'conversations.replies',
        { channel: id, ts: thread_ts },
        {
          limit,
          duration,
          cursor,
          now: deps.now(),
        },
      ),
      deps.directory.userNames(),
    ]);
    const name = deps.directory.channelName(id);
    return {
      channel: { id, ...(name && { name }) },
      messages: page.messages.map((m) => toMessage(m, names)),
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
    };
  },
  render: renderMessages,
});
