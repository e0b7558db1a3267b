import { decodeCursor, encodeCursor, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { countOf, messageSchema, pageHint, type RawMessage, renderMessage, toMessage } from '../format.js';
import { composeQuery, searchFilters } from '../search-query.js';
import { cursorArg } from '../tool-args.js';

interface RawSearch {
  messages?: {
    total?: number;
    matches?: Array<
      RawMessage & { channel?: { id?: string; name?: string; is_im?: boolean }; permalink?: string }
    >;
    paging?: { page?: number; pages?: number };
  };
}

const pageCursor = z.object({ p: z.number().int().min(1) });

export default defineTool({
  name: 'slack_search_messages',
  title: 'Search messages',
  description:
    'Search messages. Filter with the arguments (channel, user, days, links, files) or Slack syntax in query; the query sent is returned.',
  inputSchema: z.object({
    query: z.string().optional().describe('Words to find; Slack search syntax works too'),
    ...searchFilters,
    count: z.number().int().min(1).max(100).default(20).describe('Matches per page'),
    sort: z.enum(['timestamp', 'score']).default('timestamp'),
    cursor: cursorArg,
  }),
  outputSchema: z.object({
    query: z.string().describe('The query as sent to Slack, filters included'),
    total: z.number(),
    matches: z.array(
      messageSchema.extend({
        channel: z.object({ id: z.string(), name: z.string(), isDm: z.boolean() }),
        permalink: z.string(),
      }),
    ),
    nextCursor: z.string().optional(),
  }),
  annotations: readOnly({ openWorld: true }),
  gate: 'user-token',
  handler: async ({ query: words, count, sort, cursor, ...filters }, ctx: SlackContext) => {
    const { deps } = ctx;
    const page = cursor ? decodeCursor(cursor, pageCursor).p : 1;
    const query = await composeQuery(deps, words, filters);
    const [res, names, readable] = await Promise.all([
      deps.api.call<RawSearch>('search.messages', { query, count, page, sort, sort_dir: 'desc' }),
      deps.directory.userNames(),
      deps.policy.readFilter(),
    ]);
    // Security: results from channels outside the read allow-list are dropped, not just hidden.
    const matches = (res.messages?.matches ?? [])
      // A DM's search result names the other person's ID as its channel name.
      .filter((m) => readable(m.channel?.id ?? '', m.channel?.is_im ? [m.channel.name ?? ''] : undefined))
      .map((m) => ({
        ...toMessage(m, names),
        channel: {
          id: m.channel?.id ?? '',
          name: m.channel?.is_im
            ? `@${names.get(m.channel.name ?? '') ?? m.channel.name ?? ''}`
            : (m.channel?.name ?? ''),
          isDm: Boolean(m.channel?.is_im),
        },
        permalink: m.permalink ?? '',
      }));
    const pages = res.messages?.paging?.pages ?? 1;
    return {
      query,
      total: res.messages?.total ?? matches.length,
      matches,
      ...(page < pages && { nextCursor: encodeCursor({ p: page + 1 }) }),
    };
  },
  render: ({ query, total, matches, nextCursor }) =>
    `${countOf(total, 'match', 'matches')} for ${query}${matches.length ? ':' : '.'}\n` +
    matches.map((m) => `${m.channel.isDm ? '' : '#'}${m.channel.name} ${renderMessage(m)}`).join('\n') +
    pageHint(nextCursor),
});
