import { InvalidInputError, NotFoundError, writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type GitHubContext } from '../deps.js';
import { graphql } from '../graphql.js';
import { findPendingReview, type PendingReview } from '../reviews.js';
import { owner, repo } from '../tool-args.js';

const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'] as const;

interface Where {
  owner: string;
  repo: string;
  pullNumber: number;
  commentId: number;
}

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        nodes: Array<{ id: string; comments: { nodes: Array<{ fullDatabaseId: string | null }> } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
  };
}

const THREADS = `query ReviewThreadOfComment($owner: String!, $repo: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 50, after: $after) {
        nodes { id comments(first: 100) { nodes { fullDatabaseId } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

/** Bounds the search for the comment's thread: 20 pages of 50 threads. */
const MAX_THREAD_PAGES = 20;

/**
 * A REST reply is refused (422) while the user has a pending review on the pull request: GitHub
 * wants the reply in that review. So it goes there, over GraphQL, and is published when the
 * review is submitted.
 */
async function replyInPendingReview(ctx: GitHubContext, at: Where, review: PendingReview, body: string) {
  let after: string | null = null;
  for (let page = 0; page < MAX_THREAD_PAGES; page++) {
    const answer: ThreadsPage = await graphql<ThreadsPage>(ctx, THREADS, {
      owner: at.owner,
      repo: at.repo,
      number: at.pullNumber,
      after,
    });
    const { nodes, pageInfo } = answer.repository.pullRequest.reviewThreads;
    const thread = nodes.find((t) => t.comments.nodes.some((c) => Number(c.fullDatabaseId) === at.commentId));
    if (thread) {
      const out = await graphql<{
        addPullRequestReviewThreadReply: { comment: { fullDatabaseId: string | null; url: string } };
      }>(
        ctx,
        `mutation ReplyInPendingReview($input: AddPullRequestReviewThreadReplyInput!) {
          addPullRequestReviewThreadReply(input: $input) { comment { fullDatabaseId url } }
        }`,
        { input: { pullRequestReviewId: review.id, pullRequestReviewThreadId: thread.id, body } },
      );
      const { comment } = out.addPullRequestReviewThreadReply;
      return { id: Number(comment.fullDatabaseId), url: comment.url, pending: true };
    }
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor;
  }
  throw new NotFoundError(`No review comment ${at.commentId} on ${at.owner}/${at.repo}#${at.pullNumber}.`, {
    hint: 'Take commentId from pull_request_read get_review_comments for this pull request.',
  });
}

const isUnprocessable = (error: unknown) =>
  error instanceof Error && error.name === 'HttpError' && (error as { status?: number }).status === 422;

export default defineTool({
  name: 'add_reply_to_pull_request_comment',
  title: 'Reply to review comment',
  description:
    'Reply to a review comment (body, pullNumber), react to it (reaction), or both. With a pending review open, the reply joins it and is published on submit.',
  inputSchema: z.object({
    owner,
    repo,
    pullNumber: z.number().min(1).optional().describe('Required with body'),
    commentId: z.number().min(1).describe('Numeric review comment id, not a thread id (PRRT_…)'),
    body: z.string().optional(),
    reaction: z.enum(REACTIONS).optional(),
  }),
  outputSchema: z.object({
    comment: z
      .object({
        id: z.number(),
        url: z.string(),
        pending: z.boolean().describe('In your pending review: published when you submit it'),
      })
      .optional(),
    reaction: z.object({ id: z.number(), content: z.string() }).optional(),
  }),
  annotations: writes({ openWorld: true }),
  toolset: 'pull_requests',
  handler: async (input, ctx) => {
    if (input.body === undefined && input.reaction === undefined)
      throw new InvalidInputError('Give a body to reply, a reaction, or both.');
    if (input.body !== undefined && !input.body.trim()) throw new InvalidInputError('body is empty.');
    if (input.body !== undefined && input.pullNumber === undefined)
      throw new InvalidInputError('A reply needs pullNumber.');
    const { gh } = ctx.deps;
    const base = { owner: input.owner, repo: input.repo, comment_id: input.commentId };
    const out: {
      reaction?: { id: number; content: string };
      comment?: { id: number; url: string; pending: boolean };
    } = {};
    if (input.reaction) {
      const { data } = await gh.rest.reactions.createForPullRequestReviewComment({
        ...base,
        content: input.reaction,
      });
      out.reaction = { id: data.id, content: data.content };
    }
    if (input.body !== undefined && input.pullNumber !== undefined) {
      const at = {
        owner: input.owner,
        repo: input.repo,
        pullNumber: input.pullNumber,
        commentId: input.commentId,
      };
      try {
        const { data } = await gh.rest.pulls.createReplyForReviewComment({
          ...base,
          pull_number: input.pullNumber,
          body: input.body,
        });
        out.comment = { id: data.id, url: data.html_url, pending: false };
      } catch (error) {
        const pending = isUnprocessable(error)
          ? await findPendingReview(ctx, input.owner, input.repo, input.pullNumber)
          : undefined;
        if (!pending) throw error;
        out.comment = await replyInPendingReview(ctx, at, pending, input.body);
      }
    }
    return out;
  },
});
