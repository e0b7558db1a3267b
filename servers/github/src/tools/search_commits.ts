import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { text } from '../sanitize.js';
import { nextPage, nextPageOf, order, paging, searchParams } from '../tool-args.js';

export default defineTool({
  name: 'search_commits',
  title: 'Search commits',
  description: 'Commits on default branches matching GitHub search syntax, e.g. "fix repo:o/r author:jane".',
  inputSchema: z.object({
    query: z.string().min(1),
    sort: z.enum(['author-date', 'committer-date']).optional(),
    order,
    ...paging,
  }),
  outputSchema: z.object({
    total: z.number(),
    commits: z.array(
      z.object({
        sha: z.string(),
        repo: z.string(),
        message: z.string().nullable(),
        author: z.string().nullable(),
        date: z.string().nullable(),
      }),
    ),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.search.commits(searchParams(input, ctx.signal));
    return {
      total: res.data.total_count,
      commits: res.data.items.map((c) => ({
        sha: c.sha,
        repo: c.repository.full_name,
        message: text(c.commit.message, 300),
        author: c.author?.login ?? c.commit.author.name ?? null,
        date: c.commit.author.date ?? null,
      })),
      ...nextPageOf(res.headers),
    };
  },
});
