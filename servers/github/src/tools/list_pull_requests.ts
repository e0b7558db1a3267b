import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { text } from '../sanitize.js';
import { nextPage, nextPageOf, owner, pageParams, paging, repo } from '../tool-args.js';

export default defineTool({
  name: 'list_pull_requests',
  title: 'List pull requests',
  description: 'Pull requests, newest first; filter by state, head or base branch.',
  inputSchema: z.object({
    owner,
    repo,
    state: z.enum(['open', 'closed', 'all']).default('open'),
    sort: z.enum(['created', 'updated', 'popularity', 'long-running']).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    head: z.string().optional(),
    base: z.string().optional(),
    ...paging,
  }),
  outputSchema: z.object({
    pullRequests: z.array(
      z.object({
        number: z.number(),
        title: z.string(),
        state: z.string(),
        draft: z.boolean(),
        author: z.string().nullable(),
        head: z.string(),
        base: z.string(),
        updated: z.string(),
      }),
    ),
    withheld: z.number().optional(),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'pull_requests',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.pulls.list({
      owner: input.owner,
      repo: input.repo,
      state: input.state,
      ...(input.head && { head: input.head }),
      ...(input.base && { base: input.base }),
      ...(input.sort && { sort: input.sort }),
      ...(input.direction && { direction: input.direction }),
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
    const { items, withheld } = await ctx.deps.lockdown.filter(
      input.owner,
      input.repo,
      res.data,
      (p) => p.user?.login,
    );
    return {
      pullRequests: items.map((p) => ({
        number: p.number,
        title: text(p.title) ?? '',
        state: p.state,
        draft: p.draft ?? false,
        author: p.user?.login ?? null,
        head: p.head.ref,
        base: p.base.ref,
        updated: p.updated_at,
      })),
      ...(withheld > 0 && { withheld }),
      ...nextPageOf(res.headers),
    };
  },
});
