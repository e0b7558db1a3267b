import * as z from 'zod';
import type { GitHubContext } from './deps.js';
import { text } from './sanitize.js';

/** The trimmed issue and comment shapes issue tools and pull request tools share. */

export const issueNumber = z.number().min(1);

export const issueSummary = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  author: z.string().nullable(),
  labels: z.array(z.string()),
  comments: z.number(),
  updated: z.string(),
});

export const issueFull = issueSummary.extend({
  body: z.string().nullable(),
  assignees: z.array(z.string()),
  stateReason: z.string().nullable().optional(),
  url: z.string(),
  created: z.string(),
  isPullRequest: z.boolean(),
});

export const commentOut = z.object({
  id: z.number(),
  author: z.string().nullable(),
  body: z.string().nullable(),
  created: z.string(),
});

interface IssueData {
  number: number;
  title: string;
  state: string;
  state_reason?: string | null;
  user: { login: string } | null;
  labels: Array<string | { name?: string }>;
  assignees?: Array<{ login: string }> | null;
  comments: number;
  body?: string | null;
  html_url: string;
  created_at: string;
  updated_at: string;
  pull_request?: unknown;
}

export const WITHHELD =
  '[withheld by lockdown mode: the author has no push access to this public repository]';

export const summarize = (i: IssueData) => ({
  number: i.number,
  title: text(i.title) ?? '',
  state: i.state,
  author: i.user?.login ?? null,
  labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
  comments: i.comments,
  updated: i.updated_at,
});

export async function fullIssue(ctx: GitHubContext, owner: string, repo: string, i: IssueData) {
  const shown = await ctx.deps.lockdown.allows(owner, repo, i.user?.login);
  return {
    ...summarize(i),
    ...(shown ? {} : { title: WITHHELD }),
    body: shown ? text(i.body) : WITHHELD,
    assignees: (i.assignees ?? []).map((a) => a.login),
    stateReason: i.state_reason ?? null,
    url: i.html_url,
    created: i.created_at,
    isPullRequest: Boolean(i.pull_request),
  };
}

interface CommentData {
  id: number;
  user: { login: string } | null;
  body?: string | null;
  created_at: string;
}

/** Comments with lockdown applied: withheld ones are dropped and counted. */
export async function comments(ctx: GitHubContext, owner: string, repo: string, list: CommentData[]) {
  const { items, withheld } = await ctx.deps.lockdown.filter(owner, repo, list, (c) => c.user?.login);
  return {
    comments: items.map((c) => ({
      id: c.id,
      author: c.user?.login ?? null,
      body: text(c.body),
      created: c.created_at,
    })),
    ...(withheld > 0 && { withheld }),
  };
}
