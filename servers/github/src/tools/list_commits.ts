import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { commitOut, commitSummary } from '../commits.js';
import { defineTool } from '../deps.js';
import { fieldSelection } from '../fields.js';
import { nextPage, nextPageOf, owner, pageParams, paging, repo } from '../tool-args.js';

const fields = fieldSelection({
  base: commitOut,
  keep: ['sha'],
  fields: {
    author: ['author'],
    commit: ['message', 'date'],
    committer: (c: { html_url: string; commit: { committer: { name?: string } | null } }) => ({
      committer: c.commit.committer?.name ?? null,
    }),
    html_url: (c) => ({ url: c.html_url }),
    sha: ['sha'],
  },
  extra: { committer: z.string().nullable(), url: z.string() },
});

export default defineTool({
  name: 'list_commits',
  title: 'List commits',
  description: 'Commits newest first from a branch or sha; filter by path or author.',
  inputSchema: z.object({
    owner,
    repo,
    sha: z.string().optional().describe('Branch, tag or sha'),
    path: z.string().optional(),
    author: z.string().optional(),
    since: z.string().optional().describe('ISO 8601'),
    until: z.string().optional().describe('ISO 8601'),
    fields: fields.arg,
    ...paging,
  }),
  outputSchema: z.object({ commits: z.array(fields.item), nextPage }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.repos.listCommits({
      owner: input.owner,
      repo: input.repo,
      ...(input.sha && { sha: input.sha }),
      ...(input.path && { path: input.path }),
      ...(input.author && { author: input.author }),
      ...(input.since && { since: input.since }),
      ...(input.until && { until: input.until }),
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
    return {
      commits: res.data.map((c) => fields.pick(input.fields, commitSummary(c), c)),
      ...nextPageOf(res.headers),
    };
  },
});
