import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, readableChannel, type SlackContext } from '../deps.js';
import { countOf, isoTime } from '../format.js';
import { channelArg } from '../tool-args.js';

interface RawInfo {
  channel: {
    id: string;
    name?: string;
    is_private?: boolean;
    is_archived?: boolean;
    is_member?: boolean;
    created?: number;
    num_members?: number;
    topic?: { value?: string };
    purpose?: { value?: string };
    last_read?: string;
    unread_count_display?: number;
  };
}

export default defineTool({
  name: 'slack_get_channel_info',
  title: 'Channel info',
  description: 'Details of one channel: topic, purpose, members, your read position.',
  inputSchema: z.object({ channel_id: channelArg }),
  outputSchema: z.object({
    id: z.string(),
    name: z.string(),
    isPrivate: z.boolean(),
    isArchived: z.boolean(),
    isMember: z.boolean(),
    created: z.string(),
    memberCount: z.number().optional(),
    topic: z.string(),
    purpose: z.string(),
    lastRead: z.string().optional(),
    unreadCount: z.number().optional(),
  }),
  annotations: readOnly({ openWorld: true }),
  handler: async ({ channel_id }, ctx: SlackContext) => {
    const id = await readableChannel(ctx.deps, channel_id);
    const { channel: c } = await ctx.deps.api.call<RawInfo>('conversations.info', {
      channel: id,
      include_num_members: true,
    });
    return {
      id: c.id,
      name: c.name ?? c.id,
      isPrivate: Boolean(c.is_private),
      isArchived: Boolean(c.is_archived),
      isMember: Boolean(c.is_member),
      created: isoTime(String(c.created ?? 0)),
      ...(c.num_members !== undefined && { memberCount: c.num_members }),
      topic: c.topic?.value ?? '',
      purpose: c.purpose?.value ?? '',
      ...(c.last_read && { lastRead: c.last_read }),
      ...(c.unread_count_display !== undefined && { unreadCount: c.unread_count_display }),
    };
  },
  render: (c) =>
    [
      `#${c.name} ${c.id}${c.isPrivate ? ' (private)' : ''}${c.isArchived ? ' (archived)' : ''}`,
      c.topic && `Topic: ${c.topic}`,
      c.purpose && `Purpose: ${c.purpose}`,
      `Created ${c.created}; ${c.memberCount === undefined ? '? members' : countOf(c.memberCount, 'member')}; ${c.isMember ? 'member' : 'not a member'}`,
      c.unreadCount !== undefined && `Unread: ${c.unreadCount} (last read ${c.lastRead})`,
    ]
      .filter(Boolean)
      .join('\n'),
});
