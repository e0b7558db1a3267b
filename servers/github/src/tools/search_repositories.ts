import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { text } from '../sanitize.js';
import { nextPage, nextPageOf, order, paging, searchParams } from '../tool-args.js';

export default defineTool({
  name: 'search_repositories',
  title: 'Search repositories',
  description: 'Repositories matching GitHub search syntax, e.g. "mcp language:typescript stars:>100".',
  inputSchema: z.object({
    query: z.string().min(1),
    sort: z.enum(['stars', 'forks', 'help-wanted-issues', 'updated']).optional(),
    order,
    ...paging,
  }),
  outputSchema: z.object({
    total: z.number(),
    repos: z.array(
      z.object({
        fullName: z.string(),
        description: z.string().nullable(),
        stars: z.number(),
        language: z.string().nullable(),
        private: z.boolean(),
      }),
    ),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.search.repos(searchParams(input, ctx.signal));
    return {
      total: res.data.total_count,
      repos: res.data.items.map((r) => ({
        fullName: r.full_name,
        description: text(r.description, 200),
        stars: r.stargazers_count,
        language: r.language ?? null,
        private: r.private,
      })),
      ...nextPageOf(res.headers),
    };
  },
});
