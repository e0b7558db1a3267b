import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { text } from '../sanitize.js';
import { nextPage, nextPageOf, order, paging, searchParams } from '../tool-args.js';

export default defineTool({
  name: 'search_repositories',
  title: 'Search repositories',
  description: 'Repositories matching GitHub search syntax, e.g. "mcp language:ts stars:>100".',
  inputSchema: z.object({
    query: z.string().min(1),
    sort: z.enum(['stars', 'forks', 'help-wanted-issues', 'updated']).optional(),
    order,
    minimal_output: z.boolean().optional(),
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
        url: z.string().optional(),
        forks: z.number().optional(),
        openIssues: z.number().optional(),
        topics: z.array(z.string()).optional(),
        defaultBranch: z.string().optional(),
        archived: z.boolean().optional(),
        fork: z.boolean().optional(),
        created: z.string().nullable().optional(),
        updated: z.string().nullable().optional(),
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
        ...(input.minimal_output === false && {
          url: r.html_url,
          forks: r.forks_count,
          openIssues: r.open_issues_count,
          topics: r.topics ?? [],
          defaultBranch: r.default_branch,
          archived: r.archived,
          fork: r.fork,
          created: r.created_at,
          updated: r.updated_at,
        }),
      })),
      ...nextPageOf(res.headers),
    };
  },
});
