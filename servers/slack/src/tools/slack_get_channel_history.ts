import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, readableChannel, type SlackContext } from '../deps.js';
import { messageSchema, pageHint, renderMessage, toMessage } from '../format.js';
import { durationSchema, fetchMessages } from '../history.js';
import { channelArg, cursorArg } from '../tool-args.js';

export const messagesOutput = z.object({
  channel: z.object({ id: z.string(), name: z.string().optional() }),
  messages: z.array(messageSchema),
  nextCursor: z.string().optional(),
});

export function renderMessages({ channel, messages, nextCursor }: z.output<typeof messagesOutput>): string {
  const where = channel.name ? `#${channel.name}` : channel.id;
  if (messages.length === 0) return `No messages in ${where}.${pageHint(nextCursor)}`;
  return `${where}, ${messages.length} messages:\n${messages.map(renderMessage).join('\n')}${pageHint(nextCursor)}`;
}

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
    const [page, names] = await Promise.all([
      fetchMessages(
        deps.api,
        'conversations.history',
        { channel: id },
        {
          limit: limit ?? (duration ? 100 : 10),
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
