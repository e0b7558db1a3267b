import { decodeCursor, encodeCursor, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { countOf, messageSchema, pageHint, type RawMessage, renderMessage, toMessage } from '../format.js';
import { cursorArg } from '../tool-args.js';

interface RawSearch {
  messages?: {
    total?: number;
    matches?: Array<RawMessage & { channel?: { id?: string; name?: string }; permalink?: string }>;
    paging?: { page?: number; pages?: number };
  };
}

const pageCursor = z.object({ p: z.number().int().min(1) });

export default defineTool({
  name: 'slack_search_messages',
  title: 'Search messages',
  description: 'Search messages with Slack syntax (in:#channel, from:@user, before:2026-01-01).',
  inputSchema: z.object({
    query: z.string().min(1),
    count: z.number().int().min(1).max(100).default(20).describe('Matches per page'),
    sort: z.enum(['timestamp', 'score']).default('timestamp'),
    cursor: cursorArg,
  }),
  outputSchema: z.object({
    total: z.number(),
    matches: z.array(
      messageSchema.extend({
        channel: z.object({ id: z.string(), name: z.string() }),
        permalink: z.string(),
      }),
    ),
    nextCursor: z.string().optional(),
  }),
  annotations: readOnly({ openWorld: true }),
  gate: 'user-token',
  handler: async ({ query, count, sort, cursor }, ctx: SlackContext) => {
    const { deps } = ctx;
    const page = cursor ? decodeCursor(cursor, pageCursor).p : 1;
    const [res, names, readable] = await Promise.all([
      deps.api.call<RawSearch>('search.messages', { query, count, page, sort, sort_dir: 'desc' }),
      deps.directory.userNames(),
      deps.policy.readFilter(),
    ]);
    // Security: results from channels outside the read allow-list are dropped, not just hidden.
    const matches = (res.messages?.matches ?? [])
      .filter((m) => readable(m.channel?.id ?? ''))
      .map((m) => ({
        ...toMessage(m, names),
        channel: { id: m.channel?.id ?? '', name: m.channel?.name ?? '' },
        permalink: m.permalink ?? '',
      }));
    const pages = res.messages?.paging?.pages ?? 1;
    return {
      total: res.messages?.total ?? matches.length,
      matches,
      ...(page < pages && { nextCursor: encodeCursor({ p: page + 1 }) }),
    };
  },
  render: ({ total, matches, nextCursor }) =>
    `${countOf(total, 'match', 'matches')}${matches.length ? ':' : '.'}\n` +
    matches.map((m) => `#${m.channel.name} ${renderMessage(m)}`).join('\n') +
    pageHint(nextCursor),
});
