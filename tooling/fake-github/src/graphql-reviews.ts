import {
  actor,
  canPush,
  connection,
  forbidden,
  type GraphqlContext,
  gqlError,
  notFoundNode,
  type PageArgs,
  parseNodeId,
  webUrl,
} from './graphql-views.js';
import type {
  DiffSide,
  FakeIssue,
  FakePull,
  FakeRepo,
  FakeReview,
  FakeReviewComment,
  FakeReviewThread,
} from './state.js';

/**
 * Pull request reviews over GraphQL: pending reviews, their threads and replies, submitting,
 * deleting, resolving. What a user may not see (someone else's pending review and its comments)
 * is absent here exactly as over REST.
 */

type Found = { repo: FakeRepo; issue: FakeIssue; pull: FakePull };

const reviewOf = (pull: FakePull, id: number) => pull.reviews.find((r) => r.id === id);

function visibleComments(ctx: GraphqlContext, pull: FakePull, threadId?: number): FakeReviewComment[] {
  return pull.review_comments.filter(
    (c) =>
      (threadId === undefined || c.thread_id === threadId) &&
      ctx.gh.canSeeReview(reviewOf(pull, c.review_id), ctx.login),
  );
}

function commentView(ctx: GraphqlContext, found: Found, c: FakeReviewComment): Record<string, unknown> {
  const { repo, issue, pull } = found;
  const thread = pull.threads.find((t) => t.id === c.thread_id);
  const review = reviewOf(pull, c.review_id);
  const parent =
    c.in_reply_to === null ? undefined : pull.review_comments.find((x) => x.id === c.in_reply_to);
  return {
    __typename: 'PullRequestReviewComment',
    id: `PRRC_${c.id}`,
    databaseId: c.id,
    // BigInt travels as a string.
    fullDatabaseId: String(c.id),
    body: c.body,
    bodyText: c.body,
    bodyHTML: c.body,
    path: thread?.path ?? '',
    line: thread?.line ?? null,
    originalLine: thread?.line ?? null,
    startLine: thread?.start_line ?? null,
    originalStartLine: thread?.start_line ?? null,
    subjectType: thread?.subject_type ?? 'LINE',
    diffHunk: '@@',
    outdated: false,
    isMinimized: false,
    state: review?.state === 'PENDING' ? 'PENDING' : 'SUBMITTED',
    url: webUrl(ctx, repo, `/pull/${issue.number}#discussion_r${c.id}`),
    resourcePath: `/${repo.owner}/${repo.name}/pull/${issue.number}#discussion_r${c.id}`,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    draftedAt: c.created_at,
    publishedAt: review?.submitted_at ?? null,
    author: actor(ctx, c.user),
    viewerDidAuthor: c.user.toLowerCase() === ctx.login.toLowerCase(),
    replyTo: parent ? commentView(ctx, found, parent) : null,
    pullRequestReview: review ? reviewView(ctx, found, review) : null,
    pullRequest: () => pullRequestView(ctx, found),
  };
}

function reviewView(ctx: GraphqlContext, found: Found, r: FakeReview): Record<string, unknown> {
  const { repo, issue, pull } = found;
  return {
    __typename: 'PullRequestReview',
    id: `PRR_${r.id}`,
    databaseId: r.id,
    fullDatabaseId: String(r.id),
    state: r.state,
    body: r.body,
    bodyText: r.body,
    bodyHTML: r.body,
    url: webUrl(ctx, repo, `/pull/${issue.number}#pullrequestreview-${r.id}`),
    resourcePath: `/${repo.owner}/${repo.name}/pull/${issue.number}#pullrequestreview-${r.id}`,
    submittedAt: r.submitted_at,
    createdAt: r.submitted_at ?? issue.updated_at,
    updatedAt: r.submitted_at ?? issue.updated_at,
    author: actor(ctx, r.user),
    viewerDidAuthor: r.user.toLowerCase() === ctx.login.toLowerCase(),
    comments: (args: PageArgs) =>
      connection(
        visibleComments(ctx, pull).filter((c) => c.review_id === r.id),
        args,
        (c) => commentView(ctx, found, c),
        'comments',
      ),
    pullRequest: () => pullRequestView(ctx, found),
  };
}

function threadView(ctx: GraphqlContext, found: Found, t: FakeReviewThread): Record<string, unknown> {
  const mayResolve = canPush(ctx, found.repo) || found.issue.user.toLowerCase() === ctx.login.toLowerCase();
  return {
    __typename: 'PullRequestReviewThread',
    id: `PRRT_${t.id}`,
    path: t.path,
    line: t.line,
    originalLine: t.line,
    startLine: t.start_line,
    originalStartLine: t.start_line,
    diffSide: t.side,
    startDiffSide: t.start_side,
    subjectType: t.subject_type,
    isResolved: t.resolved_by !== null,
    // GitHub shows resolved threads collapsed.
    isCollapsed: t.resolved_by !== null,
    isOutdated: false,
    resolvedBy: actor(ctx, t.resolved_by),
    viewerCanReply: true,
    viewerCanResolve: mayResolve && t.resolved_by === null,
    viewerCanUnresolve: mayResolve && t.resolved_by !== null,
    comments: (args: PageArgs & { skip?: number | null }) =>
      connection(
        visibleComments(ctx, found.pull, t.id).slice(args.skip ?? 0),
        args,
        (c) => commentView(ctx, found, c),
        'comments',
      ),
    pullRequest: () => pullRequestView(ctx, found),
  };
}

/** Threads the viewer sees: those whose first comment they may see. */
function visibleThreads(ctx: GraphqlContext, pull: FakePull): FakeReviewThread[] {
  return pull.threads.filter((t) => visibleComments(ctx, pull, t.id).length > 0);
}

export function pullRequestView(ctx: GraphqlContext, found: Found): Record<string, unknown> {
  const { repo, issue, pull } = found;
  return {
    __typename: 'PullRequest',
    id: `PR_${issue.id}`,
    databaseId: issue.id,
    number: issue.number,
    title: issue.title,
    url: webUrl(ctx, repo, `/pull/${issue.number}`),
    state: pull.merged ? 'MERGED' : issue.state.toUpperCase(),
    headRefName: pull.head,
    baseRefName: pull.base,
    headRefOid: repo.branches.get(pull.head) ?? pull.merge_commit_sha ?? '',
    author: actor(ctx, issue.user),
    reviews: (args: PageArgs & { states?: string[] | null; author?: string | null }) =>
      connection(
        pull.reviews.filter(
          (r) =>
            ctx.gh.canSeeReview(r, ctx.login) &&
            (!args.states?.length || args.states.includes(r.state)) &&
            (!args.author || r.user.toLowerCase() === args.author.toLowerCase()),
        ),
        args,
        (r) => reviewView(ctx, found, r),
        'reviews',
      ),
    reviewThreads: (args: PageArgs) =>
      connection(visibleThreads(ctx, pull), args, (t) => threadView(ctx, found, t), 'reviewThreads'),
  };
}

/** The fields a Repository view gets for its pull requests. */
export function repositoryPullFields(ctx: GraphqlContext, repo: FakeRepo) {
  return {
    pullRequest: ({ number }: { number: number }) => {
      const issue = repo.issues[number - 1];
      if (!issue?.pull) {
        throw gqlError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${number}.`);
      }
      return pullRequestView(ctx, { repo, issue, pull: issue.pull });
    },
  };
}

/** A pull request, review, thread or review comment by global id, where the viewer may see it. */
export function findReviewNode(ctx: GraphqlContext, nodeId: string) {
  const parsed = parseNodeId(nodeId);
  if (!parsed) return undefined;
  for (const repo of ctx.gh.repos.values()) {
    if (!ctx.gh.canSee(repo, ctx.login)) continue;
    for (const issue of repo.issues) {
      const pull = issue.pull;
      if (!pull) continue;
      const found = { repo, issue, pull };
      if (parsed.prefix === 'PR' && issue.id === parsed.id)
        return { ...found, view: pullRequestView(ctx, found) };
      const review = reviewOf(pull, parsed.id);
      if (parsed.prefix === 'PRR' && review && ctx.gh.canSeeReview(review, ctx.login))
        return { ...found, review, view: reviewView(ctx, found, review) };
      const thread = visibleThreads(ctx, pull).find((t) => t.id === parsed.id);
      if (parsed.prefix === 'PRRT' && thread)
        return { ...found, thread, view: threadView(ctx, found, thread) };
      const comment = visibleComments(ctx, pull).find((c) => c.id === parsed.id);
      if (parsed.prefix === 'PRRC' && comment) return { ...found, view: commentView(ctx, found, comment) };
    }
  }
  return undefined;
}

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
