import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext, writableChannel } from '../deps.js';
import { excerpt, post, postedSchema, renderPosted } from '../post.js';
import { channelArg, tsArg } from '../tool-args.js';

export default defineTool({
  name: 'slack_reply_to_thread',
  title: 'Reply in thread',
  description: 'Reply in a thread. Markdown is converted to Slack mrkdwn.',
  inputSchema: z.object({
    channel_id: channelArg,
    thread_ts: tsArg.describe("The parent message's ts"),
    text: z.string().min(1).max(40_000),
  }),
  outputSchema: postedSchema,
  annotations: writes({ openWorld: true }),
  // Replying in a thread this account started continues its own conversation; anyone else's
  // thread notifies people who never asked for it, so the user approves that.
  confirm: async ({ channel_id, thread_ts, text }, ctx: SlackContext) => {
    const channel = await writableChannel(ctx.deps, channel_id);
    const [self, replies] = await Promise.all([
      ctx.deps.self(),
      ctx.deps.api.call<{ messages?: Array<{ user?: string }> }>('conversations.replies', {
        channel,
        ts: thread_ts,
        limit: 1,
      }),
    ]);
    if (replies.messages?.[0]?.user === self) return undefined;
    return `Reply in someone else's thread ${thread_ts} in ${channel_id}: "${excerpt(text)}"`;
  },
  handler: ({ channel_id, thread_ts, text }, ctx: SlackContext) =>
    post(ctx.deps, channel_id, text, thread_ts),
  render: renderPosted,
});
