import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { countOf, messageSchema, renderMessage, toMessage } from '../format.js';
import { fetchMessages } from '../history.js';

interface RawInfo {
  channel: { id: string; name?: string; last_read?: string; unread_count_display?: number };
}

/** Channels checked per call: each costs one conversations.info request. */
const MAX_SCANNED = 100;
const CONCURRENCY = 4;

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export default defineTool({
  name: 'slack_get_unreads',
  title: 'Unread messages',
  description:
    'Your channels, DMs and group DMs with unread messages, and the newest unread ones in each (scans up to 100 conversations).',
  inputSchema: z.object({
    max_channels: z.number().int().min(1).max(50).default(10),
    messages_per_channel: z.number().int().min(0).max(50).default(5),
  }),
  outputSchema: z.object({
    channels: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        unreadCount: z.number(),
        lastRead: z.string(),
        messages: z.array(messageSchema),
      }),
    ),
    scanned: z.number(),
  }),
  annotations: readOnly({ openWorld: true }),
  gate: 'user-token',
  handler: async ({ max_channels, messages_per_channel }, ctx: SlackContext) => {
    const { deps } = ctx;
    const [readable, joined, dms] = await Promise.all([
      deps.policy.readFilter(),
      deps.directory.channels(),
      // DMs need im:read / mpim:read; a token without them still gets its channels' unreads.
      deps.directory.dms().catch(() => []),
    ]);
    const mine = [...joined, ...dms].filter(
      (c) => c.isMember && !c.isArchived && readable(c.id, c.kind === 'im' && c.user ? [c.user] : undefined),
    );
    const dmWith = new Map(dms.flatMap((c) => (c.kind === 'im' && c.user ? [[c.id, c.user] as const] : [])));
    const scanned = mine.slice(0, MAX_SCANNED);
    const infos = await mapLimit(scanned, CONCURRENCY, (c) =>
      deps.api.call<RawInfo>('conversations.info', { channel: c.id }).then((r) => r.channel),
    );
    const unread = infos
      .filter((c) => (c.unread_count_display ?? 0) > 0)
      .sort((a, b) => (b.unread_count_display ?? 0) - (a.unread_count_display ?? 0))
      .slice(0, max_channels);
    const names = await deps.directory.userNames();
    const nameOf = (c: RawInfo['channel']) => {
      const user = dmWith.get(c.id);
      return user ? `@${names.get(user) ?? user}` : (c.name ?? c.id);
    };
    const channels = await mapLimit(unread, CONCURRENCY, async (c) => {
      const lastRead = c.last_read ?? '0';
      const page =
        messages_per_channel > 0
          ? await fetchMessages(
              deps.api,
              'conversations.history',
              { channel: c.id, oldest: lastRead },
              {
                limit: messages_per_channel,
                now: deps.now(),
              },
            )
          : { messages: [] };
      return {
        id: c.id,
        name: nameOf(c),
        unreadCount: c.unread_count_display ?? 0,
        lastRead,
        messages: page.messages.map((m) => toMessage(m, names)),
      };
    });
    return { channels, scanned: scanned.length };
  },
  render: ({ channels, scanned }) =>
    channels.length === 0
      ? `Nothing unread in ${countOf(scanned, 'channel')}.`
      : channels
          .map(
            (c) =>
              `${c.name.startsWith('@') ? '' : '#'}${c.name} ${c.id}: ${c.unreadCount} unread` +
              c.messages.map((m) => `\n  ${renderMessage(m)}`).join(''),
          )
          .join('\n'),
});
