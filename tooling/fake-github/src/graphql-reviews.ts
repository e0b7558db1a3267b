import {
  actor,
  canPush,
  connection,
  type GraphqlContext,
  gqlError,
  type PageArgs,
  parseNodeId,
  webUrl,
} from './graphql-views.js';
import type {
  FakeIssue,
  FakePull,
  FakeRepo,
  FakeReview,
  FakeReviewComment,
  FakeReviewThread,
} from './state.js';

/**
 * Pull request reviews, review threads and review comments as GraphQL views, and the lookups
 * the mutations share. What a user may not see (someone else's pending review and its comments)
 * is absent here exactly as over REST.
 */

export type Found = { repo: FakeRepo; issue: FakeIssue; pull: FakePull };

const reviewOf = (pull: FakePull, id: number) => pull.reviews.find((r) => r.id === id);

export function visibleComments(ctx: GraphqlContext, pull: FakePull, threadId?: number): FakeReviewComment[] {
  return pull.review_comments.filter(
    (c) =>
      (threadId === undefined || c.thread_id === threadId) &&
      ctx.gh.canSeeReview(reviewOf(pull, c.review_id), ctx.login),
  );
}

export function commentView(
  ctx: GraphqlContext,
  found: Found,
  c: FakeReviewComment,
): Record<string, unknown> {
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

export function reviewView(ctx: GraphqlContext, found: Found, r: FakeReview): Record<string, unknown> {
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

export function threadView(ctx: GraphqlContext, found: Found, t: FakeReviewThread): Record<string, unknown> {
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
    isDraft: pull.draft,
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
