import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { post, postedSchema, renderPosted } from '../post.js';
import { channelArg } from '../tool-args.js';

export default defineTool({
  name: 'slack_post_message',
  title: 'Post message',
  description: 'Post a message to a channel. Markdown is converted to Slack mrkdwn.',
  inputSchema: z.object({ channel_id: channelArg, text: z.string().min(1).max(40_000) }),
  outputSchema: postedSchema,
  annotations: writes({ openWorld: true }),
  handler: ({ channel_id, text }, ctx: SlackContext) => post(ctx.deps, channel_id, text),
  render: renderPosted,
});
