import { NotFoundError, writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext, writableChannel } from '../deps.js';
import { isoTime } from '../format.js';
import { channelArg, tsArg } from '../tool-args.js';

export default defineTool({
  name: 'slack_mark_read',
  title: 'Mark read',
  description: 'Move your read position in a channel to a message (default: the newest).',
  inputSchema: z.object({ channel_id: channelArg, ts: tsArg.optional() }),
  outputSchema: z.object({ channel: z.string(), ts: z.string(), time: z.string() }),
  annotations: writes({ openWorld: true, idempotent: true }),
  gate: 'mark-read',
  handler: async ({ channel_id, ts }, ctx: SlackContext) => {
    const { api } = ctx.deps;
    // Security: changing read state is a write, so the write lists apply.
    const channel = await writableChannel(ctx.deps, channel_id);
    let target = ts;
    if (!target) {
      const latest = await api.call<{ messages?: Array<{ ts?: string }> }>('conversations.history', {
        channel,
        limit: 1,
      });
      target = latest.messages?.[0]?.ts;
      if (!target) throw new NotFoundError('The channel has no messages to mark.');
    }
    await api.call('conversations.mark', { channel, ts: target });
    return { channel, ts: target, time: isoTime(target) };
  },
  render: ({ channel, ts, time }) => `Marked ${channel} read up to ${ts} (${time}).`,
});
