import * as z from 'zod';
import type { GitHubContext } from './deps.js';
import { searchIssueFields, searchPullFields } from './issue-picks.js';
import { summarize } from './issues.js';
import { nextPage, nextPageOf, order, pageParams, paging } from './tool-args.js';

/** search_issues and search_pull_requests: one search API, scoped to a kind and a repository. */

export const searchInput = {
  query: z.string().min(1),
  owner: z.string().optional(),
  repo: z.string().optional(),
  sort: z
    .enum([
      'comments',
      'reactions',
      'reactions-+1',
      'reactions--1',
      'reactions-smile',
      'reactions-thinking_face',
      'reactions-heart',
      'reactions-tada',
      'interactions',
      'created',
      'updated',
    ])
    .optional(),
  order,
  ...paging,
};

/** search_issues' and search_pull_requests' answer; `fields` may trim each item. */
export const searchResult = z.object({
  total: z.number(),
  items: z.array(searchIssueFields.item),
  withheld: z.number().optional(),
  nextPage,
});

/** Adds the kind and the repository scope unless the query already has them. */
export function scopedQuery(
  kind: 'issue' | 'pr',
  input: { query: string; owner?: string | undefined; repo?: string | undefined },
): string {
  const parts = [input.query];
  if (!/\b(is|type):(issue|pr|pull-request)\b/.test(input.query)) parts.unshift(`is:${kind}`);
  if (input.owner && input.repo && !/\brepo:/.test(input.query))
    parts.push(`repo:${input.owner}/${input.repo}`);
  else if (input.owner && !/\b(user|org):/.test(input.query)) parts.push(`user:${input.owner}`);
  return parts.join(' ');
}

export async function searchIssuesOf(
  ctx: GitHubContext,
  q: string,
  input: {
    sort?: string | undefined;
    order?: string | undefined;
    page?: number | undefined;
    perPage?: number | undefined;
    fields?: unknown[] | undefined;
  },
  kind: 'issue' | 'pr',
) {
  const res = await ctx.deps.gh.rest.search.issuesAndPullRequests({
    q,
    ...(input.sort && { sort: input.sort as 'updated' }),
    ...(input.order && { order: input.order as 'desc' }),
    ...pageParams(input),
    request: { signal: ctx.signal },
  });
  const chosen = kind === 'pr' ? searchPullFields : searchIssueFields;
  const items = res.data.items.map((i) => ({
    item: chosen.pick(
      input.fields,
      { ...summarize(i), repo: i.repository_url.split('/').slice(-2).join('/') },
      i,
    ),
    author: i.user?.login,
  }));
  // Lockdown applies per result: each comes from its own repository.
  const shown = await Promise.all(
    items.map(({ item, author }) => {
      const [owner = '', repo = ''] = item.repo.split('/');
      return ctx.deps.lockdown.allows(owner, repo, author);
    }),
  );
  const kept = items.filter((_, n) => shown[n]).map((i) => i.item);
  return {
    total: res.data.total_count,
    items: kept,
    ...(kept.length < items.length && { withheld: items.length - kept.length }),
    ...nextPageOf(res.headers),
  };
}
