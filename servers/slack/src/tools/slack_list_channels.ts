import { paginate, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { countOf, pageHint } from '../format.js';
import { cursorArg } from '../tool-args.js';

export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  isPrivate: z.boolean(),
  isArchived: z.boolean(),
  isMember: z.boolean(),
  topic: z.string(),
  purpose: z.string(),
  memberCount: z.number(),
});

export default defineTool({
  name: 'slack_list_channels',
  title: 'List channels',
  description: 'List channels (cached directory). Filter by name with query.',
  inputSchema: z.object({
    limit: z.number().int().min(1).max(1000).default(100).describe('Channels per page'),
    cursor: cursorArg,
    query: z.string().optional().describe('Substring of the channel name'),
    include_archived: z.boolean().default(false),
  }),
  outputSchema: z.object({ channels: z.array(channelSchema), nextCursor: z.string().optional() }),
  annotations: readOnly({ openWorld: true }),
  handler: async ({ limit, cursor, query, include_archived }, ctx: SlackContext) => {
    const { directory, policy } = ctx.deps;
    const readable = await policy.readFilter();
    const needle = query?.replace(/^#/, '').toLowerCase();
    const channels = (await directory.channels()).filter(
      (c) =>
        readable(c.id) &&
        (include_archived || !c.isArchived) &&
        (!needle || c.name.toLowerCase().includes(needle)),
    );
    const page = paginate(channels, { cursor, limit });
    return { channels: page.items, ...(page.nextCursor && { nextCursor: page.nextCursor }) };
  },
  render: ({ channels, nextCursor }) =>
    (channels.length === 0 ? 'No channels.' : '') +
    channels
      .map((c) => {
        const flags = [c.isPrivate && 'private', c.isArchived && 'archived', c.isMember && 'member']
          .filter(Boolean)
          .join(', ');
        const about = c.topic || c.purpose;
        return `#${c.name} ${c.id} (${countOf(c.memberCount, 'member')}${flags ? `, ${flags}` : ''})${about ? ` ${about}` : ''}`;
      })
      .join('\n') +
    pageHint(nextCursor),
});
