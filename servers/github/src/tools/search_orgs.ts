import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { nextPage, nextPageOf, order, paging, searchParams } from '../tool-args.js';

export default defineTool({
  name: 'search_orgs',
  title: 'Search organizations',
  description: 'Organizations matching GitHub user-search syntax, e.g. "location:Berlin repos:>10".',
  inputSchema: z.object({
    query: z.string().min(1),
    sort: z.enum(['followers', 'repositories', 'joined']).optional(),
    order,
    ...paging,
  }),
  outputSchema: z.object({
    total: z.number(),
    orgs: z.array(z.object({ login: z.string(), url: z.string() })),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'orgs',
  handler: async (input, ctx) => {
    // Organizations are found by the user search, narrowed to accounts of type org.
    const query = /\btype:org\b/i.test(input.query) ? input.query : `${input.query} type:org`;
    const res = await ctx.deps.gh.rest.search.users(searchParams({ ...input, query }, ctx.signal));
    return {
      total: res.data.total_count,
      orgs: res.data.items.map((u) => ({ login: u.login, url: u.html_url })),
      ...nextPageOf(res.headers),
    };
  },
});
