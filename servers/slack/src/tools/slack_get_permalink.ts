import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, readableChannel, type SlackContext } from '../deps.js';
import { channelArg, tsArg } from '../tool-args.js';

export default defineTool({
  name: 'slack_get_permalink',
  title: 'Message link',
  description: 'A shareable URL for one message.',
  inputSchema: z.object({ channel_id: channelArg, message_ts: tsArg }),
  outputSchema: z.object({ channel: z.string(), ts: z.string(), permalink: z.string() }),
  annotations: readOnly({ openWorld: true }),
  handler: async ({ channel_id, message_ts }, ctx: SlackContext) => {
    const id = await readableChannel(ctx.deps, channel_id);
    const res = await ctx.deps.api.call<{ permalink: string }>('chat.getPermalink', {
      channel: id,
      message_ts,
    });
    return { channel: id, ts: message_ts, permalink: res.permalink };
  },
  render: ({ permalink }) => permalink,
});
