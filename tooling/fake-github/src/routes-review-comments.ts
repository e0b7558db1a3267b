import { HttpError, notFound, type Request, type Route, repoOf, route, str } from './http.js';
import { issueOf } from './routes-issues.js';
import { pullBase } from './routes-pulls.js';
import { react } from './routes-reactions.js';
import { authorAssociation, userByLogin } from './shapes.js';
import type { FakeIssue, FakePull, FakeRepo, FakeReviewComment } from './state.js';

/**
 * Review comments over REST: listing them, replying to one, reacting to one. Comments in a
 * pending review are seen by their author only, and a user who has a pending review cannot
 * reply over REST (GitHub answers 422; the reply has to go into the pending review, over GraphQL).
 */

function visible(req: Request, pull: FakePull, c: FakeReviewComment): boolean {
  return req.gh.canSeeReview(
    pull.reviews.find((r) => r.id === c.review_id),
    req.login,
  );
}

export function reviewComment(req: Request, repo: FakeRepo, i: FakeIssue, c: FakeReviewComment) {
  const pull = i.pull as FakePull;
  const thread = pull.threads.find((t) => t.id === c.thread_id);
  const head = repo.branches.get(pull.head) ?? '';
  const url = `${pullBase(req, repo)}/comments/${c.id}`;
  const html = `${req.urls.web}/${repo.owner}/${repo.name}/pull/${i.number}#discussion_r${c.id}`;
  const prUrl = `${pullBase(req, repo)}/${i.number}`;
  return {
    url,
    pull_request_review_id: c.review_id,
    id: c.id,
    node_id: `PRRC_${c.id}`,
    diff_hunk: '@@',
    path: thread?.path ?? '',
    commit_id: head,
    original_commit_id: head,
    ...(c.in_reply_to !== null && { in_reply_to_id: c.in_reply_to }),
    user: userByLogin(req.gh, req.urls, c.user),
    body: c.body,
    created_at: c.created_at,
    updated_at: c.updated_at,
    html_url: html,
    pull_request_url: prUrl,
    author_association: authorAssociation(repo, c.user),
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: prUrl } },
    start_line: thread?.start_line ?? null,
    original_start_line: thread?.start_line ?? null,
    start_side: thread?.start_side ?? null,
    ...(thread?.line != null && { line: thread.line, original_line: thread.line }),
    side: thread?.side ?? 'RIGHT',
    subject_type: thread?.subject_type === 'FILE' ? 'file' : 'line',
  };
}

/** The review comment `comment_id` of a repository, as its reader may see it. */
function findComment(req: Request, repo: FakeRepo) {
  const id = Number(req.params.comment_id);
  for (const i of repo.issues) {
    const c = i.pull?.review_comments.find((x) => x.id === id);
    if (c && i.pull && visible(req, i.pull, c)) return { issue: i, pull: i.pull, comment: c };
  }
  throw notFound();
}

export const reviewCommentRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/pulls/{number}/comments', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo, true);
    const pull = target.pull as FakePull;
    return pull.review_comments
      .filter((c) => visible(req, pull, c))
      .map((c) => reviewComment(req, repo, target, c));
  }),
  route('POST', '/repos/{owner}/{repo}/pulls/{number}/comments/{comment_id}/replies', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo, true);
    const found = findComment(req, repo);
    if (found.issue !== target) throw notFound();
    const body = str(req.body.body, 'body', 'PullRequestReviewComment');
    if (req.gh.pendingReview(found.pull, req.login)) {
      throw new HttpError(422, 'Validation Failed', {
        errors: [
          {
            resource: 'PullRequestReview',
            code: 'custom',
            field: 'user_id',
            message: 'user_id can only have one pending review per pull request',
          },
        ],
      });
    }
    const thread = found.pull.threads.find((t) => t.id === found.comment.thread_id);
    if (!thread) throw notFound();
    // A single reply is a review of its own, submitted at once.
    const review = {
      id: req.gh.id(),
      user: req.login,
      body: '',
      state: 'COMMENTED' as const,
      commit_id: repo.branches.get(found.pull.head) ?? '',
      submitted_at: req.gh.now(),
    };
    found.pull.reviews.push(review);
    const root = found.comment.in_reply_to ?? found.comment.id;
    const reply = req.gh.addReviewReply(found.pull, review, thread, body, root);
    return { status: 201, body: reviewComment(req, repo, target, reply) };
  }),
  route('POST', '/repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions', (req) => {
    const repo = repoOf(req);
    const { comment } = findComment(req, repo);
    return react(req, comment);
  }),
];
