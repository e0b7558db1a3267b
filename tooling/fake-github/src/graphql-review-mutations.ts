import {
  commentView,
  type Found,
  findReviewNode,
  reviewView,
  threadView,
  visibleComments,
} from './graphql-reviews.js';
import { canPush, forbidden, type GraphqlContext, gqlError, notFoundNode } from './graphql-views.js';
import type { DiffSide, FakeReview, FakeReviewThread } from './state.js';

/**
 * The review mutations: threads added to a pending review, replies, submitting, deleting,
 * resolving. Each refuses what GitHub refuses, with GitHub's error type.
 */

/** The viewer's own pending review `id`, as the mutations that change one require. */
function pendingReview(ctx: GraphqlContext, id: string) {
  const found = findReviewNode(ctx, id);
  if (!found || !('review' in found) || !found.review) throw notFoundNode(id);
  if (found.review.state !== 'PENDING') {
    throw gqlError('UNPROCESSABLE', 'Review has already been submitted.');
  }
  return found as Found & { review: FakeReview };
}

function threadById(ctx: GraphqlContext, id: string) {
  const found = findReviewNode(ctx, id);
  if (!found || !('thread' in found) || !found.thread) throw notFoundNode(id);
  return found as Found & { thread: FakeReviewThread };
}

/** Lines of a file on one side of the diff; the fake's diffs are whole files, so any line counts. */
function linesOn(ctx: GraphqlContext, found: Found, path: string, side: DiffSide): number {
  const ref = side === 'RIGHT' ? found.pull.head : found.pull.base;
  const sha = found.repo.branches.get(ref);
  const blob = sha ? ctx.gh.filesAt(sha)[path] : undefined;
  const text = blob ? (ctx.gh.blobs.get(blob)?.toString('utf8') ?? '') : '';
  return text ? text.replace(/\n$/, '').split('\n').length : 0;
}

function changedPaths(ctx: GraphqlContext, found: Found): Set<string> {
  const head = ctx.gh.filesAt(found.repo.branches.get(found.pull.head) ?? '');
  const base = ctx.gh.filesAt(found.repo.branches.get(found.pull.base) ?? '');
  const paths = new Set([...Object.keys(head), ...Object.keys(base)]);
  return new Set([...paths].filter((p) => head[p] !== base[p]));
}

type Input<T> = { input: T };
interface ThreadInput {
  path: string;
  body: string;
  pullRequestId?: string | null;
  pullRequestReviewId?: string | null;
  line?: number | null;
  side: DiffSide;
  startLine?: number | null;
  startSide: DiffSide;
  subjectType: 'LINE' | 'FILE';
}

export function reviewMutations(ctx: GraphqlContext) {
  const resolve = (id: string, resolved: boolean, mutation: string) => {
    const found = threadById(ctx, id);
    if (!canPush(ctx, found.repo) && found.issue.user.toLowerCase() !== ctx.login.toLowerCase()) {
      throw forbidden(ctx, mutation);
    }
    // Resolving a resolved thread (or unresolving an open one) changes nothing.
    if (resolved !== (found.thread.resolved_by !== null))
      found.thread.resolved_by = resolved ? ctx.login : null;
    return { thread: threadView(ctx, found, found.thread) };
  };
  return {
    addPullRequestReviewThread: ({ input }: Input<ThreadInput>) => {
      if (!input.pullRequestReviewId) {
        throw gqlError('UNPROCESSABLE', 'A pullRequestReviewId is required to add a thread to a review.');
      }
      const found = pendingReview(ctx, input.pullRequestReviewId);
      if (!input.body.trim()) throw gqlError('UNPROCESSABLE', "Body can't be blank");
      // GitHub answers a thread it cannot place in the diff with a null thread, not an error.
      const onFile = input.subjectType === 'FILE';
      const lines = linesOn(ctx, found, input.path, input.side);
      const startLines = linesOn(ctx, found, input.path, input.startSide);
      const placed =
        changedPaths(ctx, found).has(input.path) &&
        (onFile ||
          (input.line != null &&
            input.line >= 1 &&
            input.line <= lines &&
            (input.startLine == null ||
              (input.startLine >= 1 && input.startLine < input.line && input.startLine <= startLines))));
      if (!placed) return { thread: null };
      const { thread } = ctx.gh.addReviewThread(
        found.pull,
        found.review,
        {
          path: input.path,
          line: onFile ? null : (input.line ?? null),
          start_line: onFile ? null : (input.startLine ?? null),
          side: input.side,
          start_side: onFile || input.startLine == null ? null : input.startSide,
          subject_type: input.subjectType,
        },
        input.body,
      );
      return { thread: threadView(ctx, found, thread) };
    },
    addPullRequestReviewThreadReply: ({
      input,
    }: Input<{ pullRequestReviewThreadId: string; pullRequestReviewId?: string | null; body: string }>) => {
      const found = threadById(ctx, input.pullRequestReviewThreadId);
      if (!input.body.trim()) throw gqlError('UNPROCESSABLE', "Body can't be blank");
      const review = input.pullRequestReviewId
        ? pendingReview(ctx, input.pullRequestReviewId).review
        : (ctx.gh.pendingReview(found.pull, ctx.login) ?? submittedReview(ctx, found));
      const first = visibleComments(ctx, found.pull, found.thread.id)[0];
      const reply = ctx.gh.addReviewReply(found.pull, review, found.thread, input.body, first?.id ?? null);
      return { comment: commentView(ctx, found, reply) };
    },
    submitPullRequestReview: ({
      input,
    }: Input<{ pullRequestReviewId?: string | null; event: string; body?: string | null }>) => {
      if (!input.pullRequestReviewId) throw gqlError('UNPROCESSABLE', 'A pullRequestReviewId is required.');
      const found = pendingReview(ctx, input.pullRequestReviewId);
      const { review } = found;
      const body = input.body ?? review.body;
      const hasComments = found.pull.review_comments.some((c) => c.review_id === review.id);
      if (input.event === 'APPROVE' && found.issue.user.toLowerCase() === ctx.login.toLowerCase()) {
        throw gqlError('UNPROCESSABLE', 'Can not approve your own pull request');
      }
      if (input.event === 'REQUEST_CHANGES' && !body && !hasComments) {
        throw gqlError('UNPROCESSABLE', 'Review body is required for this event');
      }
      const states: Record<string, FakeReview['state']> = {
        APPROVE: 'APPROVED',
        REQUEST_CHANGES: 'CHANGES_REQUESTED',
        COMMENT: 'COMMENTED',
      };
      const state = states[input.event];
      if (!state) throw gqlError('UNPROCESSABLE', `Cannot submit a review with the event ${input.event}.`);
      Object.assign(review, { state, body, submitted_at: ctx.gh.now() });
      return { pullRequestReview: reviewView(ctx, found, review) };
    },
    deletePullRequestReview: ({ input }: Input<{ pullRequestReviewId: string }>) => {
      const found = pendingReview(ctx, input.pullRequestReviewId);
      const view = reviewView(ctx, found, found.review);
      const { pull } = found;
      pull.reviews = pull.reviews.filter((r) => r !== found.review);
      pull.review_comments = pull.review_comments.filter((c) => c.review_id !== found.review.id);
      pull.threads = pull.threads.filter((t) => pull.review_comments.some((c) => c.thread_id === t.id));
      return { pullRequestReview: view };
    },
    resolveReviewThread: ({ input }: Input<{ threadId: string }>) =>
      resolve(input.threadId, true, 'ResolveReviewThread'),
    unresolveReviewThread: ({ input }: Input<{ threadId: string }>) =>
      resolve(input.threadId, false, 'UnresolveReviewThread'),
  };
}

/** A reply outside any pending review is a review of its own, submitted at once. */
function submittedReview(ctx: GraphqlContext, found: Found): FakeReview {
  const review: FakeReview = {
    id: ctx.gh.id(),
    user: ctx.login,
    body: '',
    state: 'COMMENTED',
    commit_id: found.repo.branches.get(found.pull.head) ?? '',
    submitted_at: ctx.gh.now(),
  };
  found.pull.reviews.push(review);
  return review;
}
