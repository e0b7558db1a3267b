import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, readableChannel, type SlackContext } from '../deps.js';
import { pageHint } from '../format.js';
import { channelArg, cursorArg } from '../tool-args.js';

export default defineTool({
  name: 'slack_list_channel_members',
  title: 'Channel members',
  description: 'The people in a channel, DM or group DM, with names. Slack pages them: follow nextCursor.',
  inputSchema: z.object({
    channel_id: channelArg,
    limit: z.number().int().min(1).max(1000).default(100).describe('Members per page'),
    cursor: cursorArg,
  }),
  outputSchema: z.object({
    channel: z.string(),
    members: z.array(
      z.object({ id: z.string(), name: z.string().optional(), isBot: z.boolean().optional() }),
    ),
    nextCursor: z.string().optional(),
  }),
  annotations: readOnly({ openWorld: true }),
  handler: async ({ channel_id, limit, cursor }, ctx: SlackContext) => {
    const { deps } = ctx;
    const channel = await readableChannel(deps, channel_id);
    const [res, users] = await Promise.all([
      deps.api.call<{ members?: string[]; response_metadata?: { next_cursor?: string } }>(
        'conversations.members',
        { channel, limit, cursor },
      ),
      // Names are a nicety: a directory that is slow to load leaves the IDs.
      deps.directory.userList.peek(1500),
    ]);
    const byId = new Map((users ?? []).map((u) => [u.id, u]));
    const next = res.response_metadata?.next_cursor;
    return {
      channel,
      members: (res.members ?? []).slice(0, limit).map((id) => {
        const u = byId.get(id);
        return u ? { id, name: u.displayName || u.realName || u.name, isBot: u.isBot } : { id };
      }),
      ...(next && { nextCursor: next }),
    };
  },
  render: ({ channel, members, nextCursor }) =>
    `${channel}: ${members.length} member${members.length === 1 ? '' : 's'}\n` +
    members.map((m) => `${m.name ? `@${m.name} ` : ''}${m.id}${m.isBot ? ' (bot)' : ''}`).join('\n') +
    pageHint(nextCursor),
});
