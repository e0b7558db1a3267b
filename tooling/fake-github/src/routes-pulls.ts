import {
  HttpError,
  notFound,
  page,
  type Request,
  type Route,
  repoOf,
  requirePush,
  route,
  str,
} from './http.js';
import { applyIssueFields, issueOf } from './routes-issues.js';
import { commitDiff } from './routes-repos.js';
import { authorAssociation, commitSummary, issue, repository, userByLogin } from './shapes.js';
import type { FakeIssue, FakeRepo } from './state.js';

/** Pull requests: issues with a head and a base branch, reviews, merges and statuses. */

export const pullBase = (req: Request, repo: FakeRepo) =>
  `${req.urls.api}/repos/${repo.owner}/${repo.name}/pulls`;

export function pull(req: Request, repo: FakeRepo, i: FakeIssue, full: boolean): Record<string, unknown> {
  const p = i.pull;
  if (!p) throw notFound();
  const as = issue(req.gh, req.urls, repo, i);
  const url = `${pullBase(req, repo)}/${i.number}`;
  const side = (ref: string) => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha: repo.branches.get(ref) ?? p.merge_commit_sha ?? '',
    user: userByLogin(req.gh, req.urls, repo.owner),
    repo: repository(req.gh, req.urls, repo, req.login),
  });
  const out: Record<string, unknown> = {
    url,
    id: i.id,
    node_id: `PR_${i.id}`,
    html_url: as.html_url,
    diff_url: `${as.html_url}.diff`,
    patch_url: `${as.html_url}.patch`,
    issue_url: as.url,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${pullBase(req, repo)}/comments{/number}`,
    comments_url: `${as.url}/comments`,
    statuses_url: `${req.urls.api}/repos/${repo.owner}/${repo.name}/statuses/${side(p.head).sha}`,
    number: i.number,
    state: i.state,
    locked: false,
    title: i.title,
    user: as.user,
    body: i.body,
    labels: as.labels,
    milestone: null,
    assignee: as.assignee,
    assignees: as.assignees,
    requested_reviewers: (p.requested_reviewers ?? []).map((l) => userByLogin(req.gh, req.urls, l)),
    requested_teams: [],
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_at: i.closed_at,
    merged_at: p.merged_at,
    merge_commit_sha: p.merge_commit_sha,
    draft: p.draft,
    head: side(p.head),
    base: side(p.base),
    _links: Object.fromEntries(
      ['self', 'html', 'issue', 'comments', 'review_comments', 'review_comment', 'commits', 'statuses'].map(
        (k) => [k, { href: url }],
      ),
    ),
    author_association: authorAssociation(repo, i.user),
    auto_merge: null,
  };
  if (full) {
    const files = pullFiles(req, repo, i);
    Object.assign(out, {
      merged: p.merged,
      mergeable: p.merged ? null : true,
      mergeable_state: p.merged ? 'unknown' : 'clean',
      merged_by: p.merged_by ? userByLogin(req.gh, req.urls, p.merged_by) : null,
      comments: i.comments.length,
      review_comments: p.review_comments.filter((c) =>
        req.gh.canSeeReview(
          p.reviews.find((r) => r.id === c.review_id),
          req.login,
        ),
      ).length,
      maintainer_can_modify: false,
      commits: pullCommits(req, repo, i).length,
      additions: files.reduce((n, f) => n + f.additions, 0),
      deletions: files.reduce((n, f) => n + f.deletions, 0),
      changed_files: files.length,
    });
  }
  return out;
}

function pullCommits(req: Request, repo: FakeRepo, i: FakeIssue) {
  const p = i.pull;
  const head = p && repo.branches.get(p.head);
  const baseSha = p && repo.branches.get(p.base);
  if (!head || !baseSha) return [];
  const onBase = new Set(req.gh.history(baseSha).map((c) => c.sha));
  return req.gh
    .history(head)
    .filter((c) => !onBase.has(c.sha))
    .reverse();
}

export function pullFiles(req: Request, repo: FakeRepo, i: FakeIssue) {
  const head = i.pull && repo.branches.get(i.pull.head);
  const baseSha = i.pull && repo.branches.get(i.pull.base);
  return head && !i.pull?.merged ? commitDiff(req, baseSha, head) : [];
}

export function review(
  req: Request,
  repo: FakeRepo,
  i: FakeIssue,
  r: NonNullable<FakeIssue['pull']>['reviews'][number],
) {
  const url = `${pullBase(req, repo)}/${i.number}`;
  return {
    id: r.id,
    node_id: `PRR_${r.id}`,
    user: userByLogin(req.gh, req.urls, r.user),
    body: r.body,
    state: r.state,
    html_url: `${req.urls.web}/${repo.owner}/${repo.name}/pull/${i.number}#pullrequestreview-${r.id}`,
    pull_request_url: url,
    _links: { html: { href: url }, pull_request: { href: url } },
    ...(r.submitted_at && { submitted_at: r.submitted_at }),
    commit_id: r.commit_id,
    author_association: authorAssociation(repo, r.user),
  };
}

export const pullRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/pulls', (req) => {
    const repo = repoOf(req);
    const state = req.query.get('state') ?? 'open';
    const list = repo.issues.filter((i) => i.pull && (state === 'all' || i.state === state)).reverse();
    return page(req, list, `/repos/${repo.owner}/${repo.name}/pulls`).map((i) => pull(req, repo, i, false));
  }),
  route('POST', '/repos/{owner}/{repo}/pulls', (req) => {
    const repo = repoOf(req);
    const head = str(req.body.head, 'head', 'PullRequest').replace(/^[^:]+:/, '');
    const baseRef = str(req.body.base, 'base', 'PullRequest');
    if (!repo.branches.has(head))
      throw new HttpError(422, 'Validation Failed', {
        errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }],
      });
    if (!repo.branches.has(baseRef))
      throw new HttpError(422, 'Validation Failed', {
        errors: [{ resource: 'PullRequest', field: 'base', code: 'invalid' }],
      });
    const created = req.gh.addIssue(repo, {
      title: str(req.body.title, 'title', 'PullRequest'),
      body: (req.body.body as string) ?? null,
      user: req.login,
    });
    created.pull = {
      head,
      base: baseRef,
      draft: req.body.draft === true,
      merged: false,
      merged_at: null,
      merged_by: null,
      merge_commit_sha: null,
      reviews: [],
      review_comments: [],
      threads: [],
    };
    if (pullCommits(req, repo, created).length === 0) {
      repo.issues.pop();
      throw new HttpError(422, 'Validation Failed', {
        errors: [
          { resource: 'PullRequest', code: 'custom', message: `No commits between ${baseRef} and ${head}` },
        ],
      });
    }
    return { status: 201, body: pull(req, repo, created, true) };
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{number}', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo, true);
    if (req.accept.includes('diff')) {
      const diff = pullFiles(req, repo, target)
        .map(
          (f) =>
            `diff --git a/${f.filename} b/${f.filename}\n--- a/${f.filename}\n+++ b/${f.filename}\n${f.patch}`,
        )
        .join('\n');
      return { status: 200, text: `${diff}\n` };
    }
    return pull(req, repo, target, true);
  }),
  route('PATCH', '/repos/{owner}/{repo}/pulls/{number}', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo, true);
    if (target.user !== req.login) requirePush(req, repo);
    applyIssueFields(req, repo, target);
    if (typeof req.body.base === 'string' && target.pull) target.pull.base = req.body.base;
    return pull(req, repo, target, true);
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{number}/files', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo, true);
    return page(
      req,
      pullFiles(req, repo, target),
      `/repos/${repo.owner}/${repo.name}/pulls/${target.number}/files`,
    );
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{number}/commits', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo, true);
    return page(
      req,
      pullCommits(req, repo, target),
      `/repos/${repo.owner}/${repo.name}/pulls/${target.number}/commits`,
    ).map((c) => commitSummary(req.gh, req.urls, repo, c));
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{number}/reviews', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo, true);
    return (target.pull?.reviews ?? [])
      .filter((r) => req.gh.canSeeReview(r, req.login))
      .map((r) => review(req, repo, target, r));
  }),
  route('POST', '/repos/{owner}/{repo}/pulls/{number}/reviews', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo, true);
    const event = req.body.event as string | undefined;
    const state =
      event === 'APPROVE'
        ? 'APPROVED'
        : event === 'REQUEST_CHANGES'
          ? 'CHANGES_REQUESTED'
          : event === 'COMMENT'
            ? 'COMMENTED'
            : 'PENDING';
    if (state !== 'APPROVED' && state !== 'PENDING' && !req.body.body) {
      throw new HttpError(422, 'Unprocessable Entity', {
        errors: ['Review body is required for this event'],
      });
    }
    if (state === 'APPROVED' && target.user === req.login) {
      throw new HttpError(422, 'Unprocessable Entity', { errors: ['Can not approve your own pull request'] });
    }
    if (target.pull && req.gh.pendingReview(target.pull, req.login)) {
      throw new HttpError(422, 'Unprocessable Entity', {
        errors: ['User can only have one pending review per pull request'],
      });
    }
    const r = {
      id: req.gh.id(),
      user: req.login,
      body: (req.body.body as string) ?? '',
      state,
      commit_id: repo.branches.get(target.pull?.head ?? '') ?? '',
      submitted_at: state === 'PENDING' ? null : req.gh.now(),
    } as const;
    target.pull?.reviews.push({ ...r });
    return review(req, repo, target, r);
  }),
  route('PUT', '/repos/{owner}/{repo}/pulls/{number}/merge', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const target = issueOf(req, repo, true);
    const p = target.pull;
    if (!p || p.merged || target.state === 'closed')
      throw new HttpError(405, 'Pull Request is not mergeable');
    const head = repo.branches.get(p.head) ?? '';
    const baseSha = repo.branches.get(p.base) ?? '';
    if (typeof req.body.sha === 'string' && req.body.sha !== head)
      throw new HttpError(409, 'Head branch was modified. Review and try the merge again.');
    const message = (req.body.commit_title as string | undefined) ?? `Merge pull request #${target.number}`;
    const files = { ...req.gh.filesAt(baseSha), ...req.gh.filesAt(head) };
    const sha = req.gh.commit(
      req.gh.storeTree(files),
      req.body.merge_method === 'squash' ? [baseSha] : [baseSha, head],
      message,
      req.login,
    );
    repo.branches.set(p.base, sha);
    Object.assign(p, { merged: true, merged_at: req.gh.now(), merged_by: req.login, merge_commit_sha: sha });
    target.state = 'closed';
    target.closed_at = p.merged_at;
    return { sha, merged: true, message: 'Pull Request successfully merged' };
  }),
  route('PUT', '/repos/{owner}/{repo}/pulls/{number}/update-branch', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const target = issueOf(req, repo, true);
    const p = target.pull;
    if (!p) throw notFound();
    const head = repo.branches.get(p.head) ?? '';
    const baseSha = repo.branches.get(p.base) ?? '';
    const files = { ...req.gh.filesAt(baseSha), ...req.gh.filesAt(head) };
    repo.branches.set(
      p.head,
      req.gh.commit(
        req.gh.storeTree(files),
        [head, baseSha],
        `Merge branch '${p.base}' into ${p.head}`,
        req.login,
      ),
    );
    return {
      status: 202,
      body: { message: 'Updating pull request branch.', url: `${pullBase(req, repo)}/${target.number}` },
    };
  }),
  route('GET', '/repos/{owner}/{repo}/commits/{ref}/status', (req) => {
    const repo = repoOf(req);
    const sha = req.gh.resolve(repo, req.params.ref) ?? '';
    const url = `${req.urls.api}/repos/${repo.owner}/${repo.name}/commits/${sha}`;
    return {
      state: 'pending',
      sha,
      total_count: 0,
      statuses: [],
      repository: repository(req.gh, req.urls, repo, req.login),
      commit_url: url,
      url: `${url}/status`,
    };
  }),
  route('GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs', (req) => {
    repoOf(req);
    return { total_count: 0, check_runs: [] };
  }),
];
