import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext, writableChannel } from '../deps.js';
import { excerpt, post, postedSchema, renderPosted } from '../post.js';
import { channelArg } from '../tool-args.js';

export default defineTool({
  name: 'slack_post_message',
  title: 'Post message',
  description: 'Post a message to a channel. Markdown is converted to Slack mrkdwn.',
  inputSchema: z.object({ channel_id: channelArg, text: z.string().min(1).max(40_000) }),
  outputSchema: postedSchema,
  annotations: writes({ openWorld: true }),
  // Everyone in the channel reads it at once: the user approves each new post.
  confirm: async ({ channel_id, text }, ctx: SlackContext) => {
    await writableChannel(ctx.deps, channel_id); // a refused channel is refused, not asked about
    return `Post to ${channel_id}: "${excerpt(text)}"`;
  },
  handler: ({ channel_id, text }, ctx: SlackContext) => post(ctx.deps, channel_id, text),
  render: renderPosted,
});
