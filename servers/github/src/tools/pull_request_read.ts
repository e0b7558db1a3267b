import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { changedFile } from '../commits.js';
import { defineTool } from '../deps.js';
import { pageInfo } from '../graphql.js';
import { commentOut, comments, WITHHELD } from '../issues.js';
import { reviewThread, reviewThreads } from '../reviews.js';
import { stripInvisible, text } from '../sanitize.js';
import { nextPage, nextPageOf, owner, pageParams, paging, repo } from '../tool-args.js';

const METHODS = [
  'get',
  'get_diff',
  'get_status',
  'get_files',
  'get_commits',
  'get_review_comments',
  'get_reviews',
  'get_comments',
  'get_check_runs',
] as const;

const prOut = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  draft: z.boolean(),
  merged: z.boolean(),
  mergeable: z.boolean().nullable(),
  author: z.string().nullable(),
  head: z.string(),
  base: z.string(),
  headSha: z.string(),
  body: z.string().nullable(),
  url: z.string(),
  additions: z.number(),
  deletions: z.number(),
});

export default defineTool({
  name: 'pull_request_read',
  title: 'Read pull request',
  description:
    'One pull request or, by method, its diff, status, files, commits, reviews, comments, check runs or review threads (get_review_comments).',
  inputSchema: z.object({
    owner,
    repo,
    pullNumber: z.number().min(1),
    method: z.enum(METHODS).default('get'),
    ...paging,
    after: z.string().optional().describe('get_review_comments: endCursor of the previous page'),
  }),
  outputSchema: z.object({
    pullRequest: prOut.optional(),
    diff: z.string().optional(),
    state: z.string().optional(),
    checks: z.array(z.object({ name: z.string(), state: z.string() })).optional(),
    files: z.array(changedFile).optional(),
    commits: z
      .array(z.object({ sha: z.string(), message: z.string(), author: z.string().nullable() }))
      .optional(),
    comments: z.array(commentOut).optional(),
    threads: z.array(reviewThread).optional(),
    totalCount: z.number().optional(),
    pageInfo: pageInfo.optional().describe('get_review_comments: pass endCursor as after'),
    reviews: z
      .array(
        z.object({
          id: z.number(),
          author: z.string().nullable(),
          state: z.string(),
          body: z.string().nullable(),
        }),
      )
      .optional(),
    withheld: z.number().optional(),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'pull_requests',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = {
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pullNumber,
      request: { signal: ctx.signal },
    };
    const paged = { ...where, ...pageParams(input) };
    const { lockdown } = ctx.deps;
    switch (input.method) {
      case 'get': {
        const { data: p } = await gh.rest.pulls.get(where);
        const shown = await lockdown.allows(input.owner, input.repo, p.user?.login);
        return {
          pullRequest: {
            number: p.number,
            title: shown ? (text(p.title) ?? '') : WITHHELD,
            state: p.state,
            author: p.user?.login ?? null,
            draft: p.draft ?? false,
            merged: p.merged,
            mergeable: p.mergeable,
            head: p.head.ref,
            base: p.base.ref,
            headSha: p.head.sha,
            body: shown ? text(p.body) : WITHHELD,
            url: p.html_url,
            additions: p.additions,
            deletions: p.deletions,
          },
        };
      }
      case 'get_diff': {
        const res = await gh.rest.pulls.get({ ...where, mediaType: { format: 'diff' } });
        return { diff: stripInvisible(String(res.data)) };
      }
      case 'get_status': {
        const { data: p } = await gh.rest.pulls.get(where);
        const { data } = await gh.rest.repos.getCombinedStatusForRef({
          owner: input.owner,
          repo: input.repo,
          ref: p.head.sha,
        });
        return { state: data.state, checks: data.statuses.map((s) => ({ name: s.context, state: s.state })) };
      }
      case 'get_files': {
        const res = await gh.rest.pulls.listFiles(paged);
        return {
          files: res.data.map((f) => ({
            path: f.filename,
            status: f.status,
            additions: f.additions,
            deletions: f.deletions,
            ...(f.patch && { patch: stripInvisible(f.patch) }),
          })),
          ...nextPageOf(res.headers),
        };
      }
      case 'get_commits': {
        const res = await gh.rest.pulls.listCommits(paged);
        return {
          commits: res.data.map((c) => ({
            sha: c.sha,
            message: text(c.commit.message, 500) ?? '',
            author: c.author?.login ?? c.commit.author?.name ?? null,
          })),
          ...nextPageOf(res.headers),
        };
      }
      case 'get_review_comments':
        return reviewThreads(ctx, input);
      case 'get_reviews': {
        const res = await gh.rest.pulls.listReviews(paged);
        const { items, withheld } = await lockdown.filter(
          input.owner,
          input.repo,
          res.data,
          (r) => r.user?.login,
        );
        return {
          reviews: items.map((r) => ({
            id: r.id,
            author: r.user?.login ?? null,
            state: r.state,
            body: text(r.body),
          })),
          ...(withheld > 0 && { withheld }),
          ...nextPageOf(res.headers),
        };
      }
      case 'get_comments': {
        const res = await gh.rest.issues.listComments({
          owner: input.owner,
          repo: input.repo,
          issue_number: input.pullNumber,
          ...pageParams(input),
        });
        return { ...(await comments(ctx, input.owner, input.repo, res.data)), ...nextPageOf(res.headers) };
      }
      case 'get_check_runs': {
        const { data: p } = await gh.rest.pulls.get(where);
        const { data } = await gh.rest.checks.listForRef({
          owner: input.owner,
          repo: input.repo,
          ref: p.head.sha,
          ...pageParams(input),
        });
        // A finished run's conclusion (success, failure …), else its status (queued, in_progress).
        return { checks: data.check_runs.map((c) => ({ name: c.name, state: c.conclusion ?? c.status })) };
      }
    }
  },
  render: (out) => (out.diff !== undefined ? out.diff : JSON.stringify(out)),
});
