import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { fieldSelection } from '../fields.js';
import { text } from '../sanitize.js';
import { nextPage, nextPageOf, owner, pageParams, paging, repo } from '../tool-args.js';

type RawPull = {
  assignees?: Array<{ login: string }> | null;
  body: string | null;
  closed_at: string | null;
  created_at: string;
  html_url: string;
  labels: Array<{ name: string }>;
  merged_at: string | null;
  milestone: { title: string } | null;
  requested_reviewers?: Array<{ login: string }> | null;
};

/** GitHub's list answer has no counts, merge state or merger: those names select nothing. */
const absent: readonly string[] = [];

const fields = fieldSelection({
  base: z.object({
    number: z.number(),
    title: z.string(),
    state: z.string(),
    draft: z.boolean(),
    author: z.string().nullable(),
    head: z.string(),
    base: z.string(),
    updated: z.string(),
  }),
  keep: ['number'],
  fields: {
    additions: absent,
    assignees: (p: RawPull) => ({ assignees: (p.assignees ?? []).map((a) => a.login) }),
    base: ['base'],
    body: (p) => ({ body: text(p.body) }),
    changed_files: absent,
    closed_at: (p) => ({ closed: p.closed_at }),
    comments: absent,
    commits: absent,
    created_at: (p) => ({ created: p.created_at }),
    deletions: absent,
    draft: ['draft'],
    head: ['head'],
    html_url: (p) => ({ url: p.html_url }),
    labels: (p) => ({ labels: p.labels.map((l) => l.name) }),
    mergeable_state: absent,
    merged: (p) => ({ merged: p.merged_at !== null }),
    merged_at: (p) => ({ mergedAt: p.merged_at }),
    merged_by: absent,
    milestone: (p) => ({ milestone: p.milestone?.title ?? null }),
    number: ['number'],
    requested_reviewers: (p) => ({ reviewers: (p.requested_reviewers ?? []).map((u) => u.login) }),
    state: ['state'],
    title: ['title'],
    updated_at: ['updated'],
    user: ['author'],
  },
  extra: {
    assignees: z.array(z.string()),
    body: z.string().nullable(),
    closed: z.string().nullable(),
    created: z.string(),
    url: z.string(),
    labels: z.array(z.string()),
    merged: z.boolean(),
    mergedAt: z.string().nullable(),
    milestone: z.string().nullable(),
    reviewers: z.array(z.string()),
  },
});

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
    fields: fields.arg,
    ...paging,
  }),
  outputSchema: z.object({
    pullRequests: z.array(fields.item),
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
      pullRequests: items.map((p) =>
        fields.pick(
          input.fields,
          {
            number: p.number,
            title: text(p.title) ?? '',
            state: p.state,
            draft: p.draft ?? false,
            author: p.user?.login ?? null,
            head: p.head.ref,
            base: p.base.ref,
            updated: p.updated_at,
          },
          p,
        ),
      ),
      ...(withheld > 0 && { withheld }),
      ...nextPageOf(res.headers),
    };
  },
});
