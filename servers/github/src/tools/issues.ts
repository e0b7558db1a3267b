import { InvalidInputError as InvalidInput } from '@refmcp/core';
import * as z from 'zod';
import {
  type Ctx,
  defineTool,
  type GitHubTool,
  nextPage,
  nextPageOf,
  owner,
  pageParams,
  paging,
  READ,
  repo,
  WRITE,
} from './common.js';
import { commentOut, comments, fullIssue, issueFull, issueSummary, summarize } from './issue-shape.js';

const number = z.number().min(1);

const issueRead = defineTool({
  name: 'issue_read',
  title: 'Read issue',
  description: 'One issue: method get (default), get_comments, get_sub_issues or get_labels.',
  inputSchema: z.object({
    owner,
    repo,
    issue_number: number,
    method: z.enum(['get', 'get_comments', 'get_sub_issues', 'get_labels']).default('get'),
    ...paging,
  }),
  outputSchema: z.object({
    issue: issueFull.optional(),
    comments: z.array(commentOut).optional(),
    subIssues: z.array(issueSummary).optional(),
    labels: z.array(z.string()).optional(),
    withheld: z.number().optional().describe('Comments hidden by lockdown'),
    nextPage,
  }),
  annotations: READ,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = {
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issue_number,
      request: { signal: ctx.signal },
    };
    if (input.method === 'get') {
      const { data } = await gh.rest.issues.get(where);
      return { issue: await fullIssue(ctx, input.owner, input.repo, data) };
    }
    if (input.method === 'get_comments') {
      const res = await gh.rest.issues.listComments({ ...where, ...pageParams(input) });
      return { ...(await comments(ctx, input.owner, input.repo, res.data)), ...nextPageOf(res.headers) };
    }
    if (input.method === 'get_sub_issues') {
      const res = await gh.rest.issues.listSubIssues({ ...where, ...pageParams(input) });
      return { subIssues: res.data.map(summarize), ...nextPageOf(res.headers) };
    }
    const res = await gh.rest.issues.listLabelsOnIssue({ ...where, ...pageParams(input) });
    return {
      labels: res.data.map((l) => l.name),
      ...nextPageOf(res.headers),
    };
  },
});

const listIssues = defineTool({
  name: 'list_issues',
  title: 'List issues',
  description: 'Issues in a repository (pull requests excluded), newest first.',
  inputSchema: z.object({
    owner,
    repo,
    state: z.enum(['open', 'closed', 'all']).default('open'),
    labels: z.array(z.string()).optional(),
    since: z.string().optional().describe('ISO 8601; updated at or after'),
    ...paging,
  }),
  outputSchema: z.object({ issues: z.array(issueSummary), withheld: z.number().optional(), nextPage }),
  annotations: READ,
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.issues.listForRepo({
      owner: input.owner,
      repo: input.repo,
      state: input.state,
      ...(input.labels && { labels: input.labels.join(',') }),
      ...(input.since && { since: input.since }),
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
    const issues = res.data.filter((i) => !i.pull_request);
    const { items, withheld } = await ctx.deps.lockdown.filter(
      input.owner,
      input.repo,
      issues,
      (i) => i.user?.login,
    );
    return { issues: items.map(summarize), ...(withheld > 0 && { withheld }), ...nextPageOf(res.headers) };
  },
});

export const searchResult = z.object({
  total: z.number(),
  items: z.array(issueSummary.extend({ repo: z.string() })),
  withheld: z.number().optional(),
  nextPage,
});

export async function searchIssuesOf(
  ctx: Ctx,
  q: string,
  input: {
    sort?: string | undefined;
    order?: string | undefined;
    page?: number | undefined;
    perPage?: number | undefined;
  },
) {
  const res = await ctx.deps.gh.rest.search.issuesAndPullRequests({
    q,
    ...(input.sort && { sort: input.sort as 'updated' }),
    ...(input.order && { order: input.order as 'desc' }),
    ...pageParams(input),
    request: { signal: ctx.signal },
  });
  const items = res.data.items.map((i) => ({
    ...summarize(i),
    repo: i.repository_url.split('/').slice(-2).join('/'),
  }));
  // Lockdown applies per result: each comes from its own repository.
  const shown = await Promise.all(
    items.map((i) => {
      const [owner = '', repo = ''] = i.repo.split('/');
      return ctx.deps.lockdown.allows(owner, repo, i.author ?? undefined);
    }),
  );
  const kept = items.filter((_, n) => shown[n]);
  return {
    total: res.data.total_count,
    items: kept,
    ...(kept.length < items.length && { withheld: items.length - kept.length }),
    ...nextPageOf(res.headers),
  };
}

const searchInput = {
  query: z.string().min(1),
  owner: z.string().optional(),
  repo: z.string().optional(),
  sort: z.enum(['comments', 'reactions', 'created', 'updated']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  ...paging,
};

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

const searchIssues = defineTool({
  name: 'search_issues',
  title: 'Search issues',
  description:
    'Search issues with GitHub search syntax (e.g. "crash label:bug is:open"); owner/repo narrow it.',
  inputSchema: z.object(searchInput),
  outputSchema: searchResult,
  annotations: READ,
  handler: (input, ctx) => searchIssuesOf(ctx, scopedQuery('issue', input), input),
});

const issueWrite = defineTool({
  name: 'issue_write',
  title: 'Create or update issue',
  description: 'method create (title required) or update (issue_number required; state closes or reopens).',
  inputSchema: z.object({
    method: z.enum(['create', 'update']),
    owner,
    repo,
    issue_number: number.optional(),
    title: z.string().optional(),
    body: z.string().optional(),
    labels: z.array(z.string()).optional(),
    assignees: z.array(z.string()).optional(),
    state: z.enum(['open', 'closed']).optional(),
    state_reason: z.enum(['completed', 'not_planned', 'duplicate', 'reopened']).optional(),
  }),
  outputSchema: z.object({ number: z.number(), url: z.string(), state: z.string() }),
  annotations: WRITE,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const fields = {
      ...(input.title !== undefined && { title: input.title }),
      ...(input.body !== undefined && { body: input.body }),
      ...(input.labels && { labels: input.labels }),
      ...(input.assignees && { assignees: input.assignees }),
    };
    const where = { owner: input.owner, repo: input.repo };
    if (input.method === 'create') {
      if (!input.title) throw new InvalidInput('title is required to create an issue.');
      const { data } = await gh.rest.issues.create({ ...where, title: input.title, ...fields });
      return { number: data.number, url: data.html_url, state: data.state };
    }
    if (!input.issue_number) throw new InvalidInput('issue_number is required to update an issue.');
    const { data } = await gh.rest.issues.update({
      ...where,
      issue_number: input.issue_number,
      ...fields,
      ...(input.state && { state: input.state }),
      ...(input.state_reason && { state_reason: input.state_reason }),
    });
    return { number: data.number, url: data.html_url, state: data.state };
  },
});

const addIssueComment = defineTool({
  name: 'add_issue_comment',
  title: 'Comment on issue',
  description: 'Add a comment to an issue or pull request.',
  inputSchema: z.object({ owner, repo, issue_number: number, body: z.string().min(1) }),
  outputSchema: z.object({ id: z.number(), url: z.string() }),
  annotations: WRITE,
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.issues.createComment(input);
    return { id: data.id, url: data.html_url };
  },
});

const subIssueWrite = defineTool({
  name: 'sub_issue_write',
  title: 'Add or remove sub-issue',
  description: 'method add or remove: link issue sub_issue_number under issue_number (same repository).',
  inputSchema: z.object({
    method: z.enum(['add', 'remove']),
    owner,
    repo,
    issue_number: number,
    sub_issue_number: number,
  }),
  outputSchema: z.object({ parent: z.number(), child: z.number(), linked: z.boolean() }),
  annotations: WRITE,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo };
    // The API takes the child's id, not its number.
    const child = await gh.rest.issues.get({ ...where, issue_number: input.sub_issue_number });
    const args = { ...where, issue_number: input.issue_number, sub_issue_id: child.data.id };
    if (input.method === 'add') await gh.rest.issues.addSubIssue(args);
    else await gh.rest.issues.removeSubIssue(args);
    return { parent: input.issue_number, child: input.sub_issue_number, linked: input.method === 'add' };
  },
});

export const issueTools: GitHubTool[] = [
  issueRead,
  listIssues,
  searchIssues,
  issueWrite,
  addIssueComment,
  subIssueWrite,
];
