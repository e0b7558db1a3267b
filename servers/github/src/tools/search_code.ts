import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { nextPage, nextPageOf, order, paging, searchParams } from '../tool-args.js';

export default defineTool({
  name: 'search_code',
  title: 'Search code',
  description:
    'Files whose contents match GitHub code search syntax, e.g. "greet repo:owner/name language:ts".',
  inputSchema: z.object({ query: z.string().min(1), sort: z.enum(['indexed']).optional(), order, ...paging }),
  outputSchema: z.object({
    total: z.number(),
    items: z.array(z.object({ repo: z.string(), path: z.string(), url: z.string() })),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.search.code(searchParams(input, ctx.signal));
    return {
      total: res.data.total_count,
      items: res.data.items.map((i) => ({
        repo: i.repository.full_name,
        path: i.path,
        url: i.html_url,
      })),
      ...nextPageOf(res.headers),
    };
  },
});
