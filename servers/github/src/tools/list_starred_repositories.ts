import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { text } from '../sanitize.js';
import { nextPage, nextPageOf, order, pageParams, paging } from '../tool-args.js';

export default defineTool({
  name: 'list_starred_repositories',
  title: 'List starred repositories',
  description: 'Repositories a user starred (default: you), newest star first.',
  inputSchema: z.object({
    username: z.string().min(1).optional(),
    sort: z.enum(['created', 'updated']).optional(),
    direction: order,
    ...paging,
  }),
  outputSchema: z.object({
    repos: z.array(z.object({ fullName: z.string(), description: z.string().nullable(), stars: z.number() })),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'stargazers',
  handler: async (input, ctx) => {
    const params = {
      ...(input.sort && { sort: input.sort }),
      ...(input.direction && { direction: input.direction }),
      ...pageParams(input),
      request: { signal: ctx.signal },
    };
    const res = input.username
      ? await ctx.deps.gh.rest.activity.listReposStarredByUser({ ...params, username: input.username })
      : await ctx.deps.gh.rest.activity.listReposStarredByAuthenticatedUser(params);
    // Without the star+json media type each item is a plain repository.
    const repos = (
      res.data as Array<{ full_name: string; description: string | null; stargazers_count: number }>
    ).map((r) => ({
      fullName: r.full_name,
      description: text(r.description, 200),
      stars: r.stargazers_count,
    }));
    return { repos, ...nextPageOf(res.headers) };
  },
});
