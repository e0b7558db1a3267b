import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { nextPage, nextPageOf, paging, searchParams } from '../tool-args.js';

export default defineTool({
  name: 'search_users',
  title: 'Search users',
  description: 'Users matching GitHub search syntax, e.g. "jane location:Berlin".',
  inputSchema: z.object({
    query: z.string().min(1),
    sort: z.enum(['followers', 'repositories', 'joined']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    ...paging,
  }),
  outputSchema: z.object({
    total: z.number(),
    users: z.array(z.object({ login: z.string(), type: z.string(), url: z.string() })),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'users',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.search.users(searchParams(input, ctx.signal));
    return {
      total: res.data.total_count,
      users: res.data.items.map((u) => ({ login: u.login, type: u.type, url: u.html_url })),
      ...nextPageOf(res.headers),
    };
  },
});
