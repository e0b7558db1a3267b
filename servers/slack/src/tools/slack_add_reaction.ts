import { writes } from '@refmcp/core';
import { defineTool, type SlackContext, writableChannel } from '../deps.js';
import { reactionInput, reactionOutput } from '../tool-args.js';

export default defineTool({
  name: 'slack_add_reaction',
  title: 'Add reaction',
  description: 'Add an emoji reaction to a message.',
  inputSchema: reactionInput,
  outputSchema: reactionOutput,
  annotations: writes({ openWorld: true }),
  handler: async ({ channel_id, timestamp, reaction }, ctx: SlackContext) => {
    const channel = await writableChannel(ctx.deps, channel_id);
    const name = reaction.replace(/^:|:$/g, '');
    await ctx.deps.api.call('reactions.add', { channel, timestamp, name });
    return { channel, ts: timestamp, reaction: name };
  },
  render: ({ channel, ts, reaction }) => `Added :${reaction}: to ${ts} in ${channel}.`,
});
