import { paginate, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import type { ChannelEntry } from '../directory.js';
import { countOf, pageHint } from '../format.js';
import { cursorArg } from '../tool-args.js';

export const channelSchema = z.object({
  id: z.string(),
  name: z.string().describe("A DM's is @ the other person's name"),
  kind: z.enum(['public_channel', 'private_channel', 'mpim', 'im']),
  user: z.string().optional().describe('For a DM: the other person (U…)'),
  isPrivate: z.boolean(),
  isArchived: z.boolean(),
  isMember: z.boolean(),
  topic: z.string(),
  purpose: z.string(),
  memberCount: z.number(),
});

const KINDS = ['public_channel', 'private_channel', 'mpim', 'im'] as const;

export default defineTool({
  name: 'slack_list_channels',
  title: 'List channels',
  description:
    'List channels, and with types also DMs (im) and group DMs (mpim), from the cached directory. Filter by name with query.',
  inputSchema: z.object({
    limit: z.number().int().min(1).max(1000).default(100).describe('Conversations per page'),
    cursor: cursorArg,
    query: z.string().optional().describe('Substring of the name (for DMs: of the person)'),
    include_archived: z.boolean().default(false),
    types: z
      .array(z.enum(KINDS))
      .min(1)
      .default(['public_channel', 'private_channel'])
      .describe('Kinds to list; im = direct messages, mpim = group DMs'),
  }),
  outputSchema: z.object({ channels: z.array(channelSchema), nextCursor: z.string().optional() }),
  annotations: readOnly({ openWorld: true }),
  handler: async ({ limit, cursor, query, include_archived, types }, ctx: SlackContext) => {
    const { directory, policy } = ctx.deps;
    const wanted = new Set(types);
    const wantsDms = wanted.has('im') || wanted.has('mpim');
    const [readable, channels, dms, names] = await Promise.all([
      policy.readFilter(),
      wanted.has('public_channel') || wanted.has('private_channel') ? directory.channels() : [],
      wantsDms ? directory.dms() : [],
      wantsDms ? directory.userNames() : new Map<string, string>(),
    ]);
    // A DM is named after its other person, so the list reads like Slack's sidebar.
    const named = (c: ChannelEntry): ChannelEntry =>
      c.kind === 'im' && c.user ? { ...c, name: `@${names.get(c.user) ?? c.user}` } : c;
    const needle = query?.replace(/^[#@]/, '').toLowerCase();
    const all = [...channels, ...dms]
      .map(named)
      .filter(
        (c) =>
          wanted.has(c.kind) &&
          readable(c.id, c.kind === 'im' && c.user ? [c.user] : undefined) &&
          (include_archived || !c.isArchived) &&
          (!needle || c.name.toLowerCase().includes(needle)),
      );
    const page = paginate(all, { cursor, limit });
    return { channels: page.items, ...(page.nextCursor && { nextCursor: page.nextCursor }) };
  },
  render: ({ channels, nextCursor }) =>
    (channels.length === 0 ? 'No channels.' : '') +
    channels
      .map((c) => {
        if (c.kind === 'im') return `${c.name} ${c.id} (DM)`;
        const flags = [
          c.kind === 'mpim' ? 'group DM' : c.isPrivate && 'private',
          c.isArchived && 'archived',
          c.isMember && 'member',
        ]
          .filter(Boolean)
          .join(', ');
        const about = c.topic || c.purpose;
        const prefix = c.kind === 'mpim' ? '' : '#';
        return `${prefix}${c.name} ${c.id} (${countOf(c.memberCount, 'member')}${flags ? `, ${flags}` : ''})${about ? ` ${about}` : ''}`;
      })
      .join('\n') +
    pageHint(nextCursor),
});
