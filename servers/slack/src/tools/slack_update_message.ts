import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { isoTime } from '../format.js';
import { markdownToMrkdwn } from '../mrkdwn.js';
import { ownMessage } from '../own-message.js';
import { channelArg, tsArg } from '../tool-args.js';

export default defineTool({
  name: 'slack_update_message',
  title: 'Edit message',
  description:
    "Replace the text of a message this server's account posted (others' messages are refused). Markdown is converted to mrkdwn.",
  inputSchema: z.object({
    channel_id: channelArg,
    ts: tsArg.describe("The message's ts"),
    text: z.string().min(1).max(40_000).describe('The new text, up to 40,000 characters'),
  }),
  outputSchema: z.object({
    channel: z.string(),
    ts: z.string(),
    time: z.string(),
    text: z.string().describe('The text as sent, in Slack mrkdwn'),
  }),
  annotations: writes({ openWorld: true, idempotent: true }),
  handler: async ({ channel_id, ts, text }, ctx: SlackContext) => {
    const { channel } = await ownMessage(ctx.deps, channel_id, ts);
    const mrkdwn = markdownToMrkdwn(text);
    const res = await ctx.deps.api.call<{ channel: string; ts: string }>('chat.update', {
      channel,
      ts,
      text: mrkdwn,
    });
    return { channel: res.channel, ts: res.ts, time: isoTime(res.ts), text: mrkdwn };
  },
  render: ({ channel, ts }) => `Edited ${ts} in ${channel}.`,
});
