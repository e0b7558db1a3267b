import { findReviewNode, pullRequestView } from './graphql-reviews.js';
import { canPush, forbidden, type GraphqlContext, gqlError, notFoundNode } from './graphql-views.js';

/**
 * Turning a pull request into a draft and back, which GitHub offers over GraphQL only. The author
 * or anyone who can push may; a closed or merged pull request cannot change.
 */
export function pullDraftMutations(ctx: GraphqlContext) {
  const setDraft = (id: string, draft: boolean, mutation: string) => {
    const found = findReviewNode(ctx, id);
    if (!found || 'review' in found || 'thread' in found || found.view.__typename !== 'PullRequest')
      throw notFoundNode(id);
    const { repo, issue, pull } = found;
    if (issue.user.toLowerCase() !== ctx.login.toLowerCase() && !canPush(ctx, repo))
      throw forbidden(ctx, mutation);
    if (issue.state !== 'open' || pull.merged)
      throw gqlError('UNPROCESSABLE', 'Pull request is closed and cannot be changed.');
    pull.draft = draft;
    issue.updated_at = ctx.gh.now();
    return { pullRequest: pullRequestView(ctx, { repo, issue, pull }) };
  };
  return {
    convertPullRequestToDraft: ({ input }: { input: { pullRequestId: string } }) =>
      setDraft(input.pullRequestId, true, 'convertPullRequestToDraft'),
    markPullRequestReadyForReview: ({ input }: { input: { pullRequestId: string } }) =>
      setDraft(input.pullRequestId, false, 'markPullRequestReadyForReview'),
  };
}
