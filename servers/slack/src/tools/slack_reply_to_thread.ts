import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { post, postedSchema, renderPosted } from '../post.js';
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
  handler: ({ channel_id, thread_ts, text }, ctx: SlackContext) =>
    post(ctx.deps, channel_id, text, thread_ts),
  render: renderPosted,
});
