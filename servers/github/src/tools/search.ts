import * as z from 'zod';
import {
  defineTool,
  type GitHubTool,
  nextPage,
  nextPageOf,
  pageParams,
  paging,
  READ,
  text,
} from './common.js';

const order = z.enum(['asc', 'desc']).optional();

const searchCode = defineTool({
  name: 'search_code',
  title: 'Search code',
  description:
    'Files whose contents match GitHub code search syntax, e.g. "greet repo:owner/name language:ts".',
  inputSchema: z.object({ query: z.string().min(1), order, ...paging }),
  outputSchema: z.object({
    total: z.number(),
    items: z.array(z.object({ repo: z.string(), path: z.string(), url: z.string() })),
    nextPage,
  }),
  annotations: READ,
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.search.code({
      q: input.query,
      ...(input.order && { order: input.order }),
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
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

const searchRepositories = defineTool({
  name: 'search_repositories',
  title: 'Search repositories',
  description: 'Repositories matching GitHub search syntax, e.g. "mcp language:typescript stars:>100".',
  inputSchema: z.object({
    query: z.string().min(1),
    sort: z.enum(['stars', 'forks', 'updated']).optional(),
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
  annotations: READ,
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.search.repos({
      q: input.query,
      ...(input.sort && { sort: input.sort }),
      ...(input.order && { order: input.order }),
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
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

export const repoSearchTools: GitHubTool[] = [searchCode, searchRepositories];
