import { destructive } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { ownMessage } from '../own-message.js';
import { excerpt } from '../post.js';
import { channelArg, tsArg } from '../tool-args.js';

export default defineTool({
  name: 'slack_delete_message',
  title: 'Delete message',
  description:
    "Delete a message this server's account posted (others' messages are refused). The user is asked first; it cannot be undone.",
  inputSchema: z.object({ channel_id: channelArg, ts: tsArg.describe("The message's ts") }),
  outputSchema: z.object({ channel: z.string(), ts: z.string() }),
  annotations: destructive({ openWorld: true }),
  // The question names the message by its text, so the user sees what goes; someone else's
  // message, or one in a barred channel, is refused before anyone is asked.
  confirm: async ({ channel_id, ts }, ctx: SlackContext) => {
    const { message } = await ownMessage(ctx.deps, channel_id, ts);
    return `Delete your message ${ts} in ${channel_id}: "${excerpt(message.text ?? '')}"`;
  },
  handler: async ({ channel_id, ts }, ctx: SlackContext) => {
    const { channel } = await ownMessage(ctx.deps, channel_id, ts);
    const res = await ctx.deps.api.call<{ channel: string; ts: string }>('chat.delete', { channel, ts });
    return { channel: res.channel, ts: res.ts };
  },
  render: ({ channel, ts }) => `Deleted ${ts} in ${channel}.`,
});
