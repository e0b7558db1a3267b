import { InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import type { GitHubContext } from './deps.js';
import { graphql, PAGE_INFO, type pageInfo } from './graphql.js';
import { commentOut } from './issues.js';
import { actorLogin, type GraphqlActor } from './lockdown.js';
import { text } from './sanitize.js';

/** Pull request reviews over GraphQL: the user's pending review, and review threads. */

/** The pending review the token's user holds on a pull request: GitHub allows one at a time. */
export interface PendingReview {
  /** Node id, as the GraphQL mutations take it. */
  id: string;
  databaseId: number;
  url: string;
}

interface Answer {
  viewer: { login: string };
  repository: {
    pullRequest: {
      reviews: {
        nodes: Array<{
          id: string;
          fullDatabaseId: string | null;
          url: string;
          author: { login: string } | null;
        }>;
      } | null;
    };
  };
}

// One round trip: who the token is, and the pending reviews it can see (only its own, on GitHub).
const QUERY = `query PendingReview($owner: String!, $repo: String!, $number: Int!) {
  viewer { login }
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviews(states: [PENDING], first: 100) { nodes { id fullDatabaseId url author { login } } }
    }
  }
}`;

export async function findPendingReview(
  ctx: GitHubContext,
  owner: string,
  repo: string,
  pullNumber: number,
): Promise<PendingReview | undefined> {
  const { viewer, repository } = await graphql<Answer>(ctx, QUERY, { owner, repo, number: pullNumber });
  const me = viewer.login.toLowerCase();
  const mine = repository.pullRequest.reviews?.nodes.find((r) => r.author?.login.toLowerCase() === me);
  return mine && { id: mine.id, databaseId: Number(mine.fullDatabaseId), url: mine.url };
}

export async function pendingReviewOrThrow(
  ctx: GitHubContext,
  owner: string,
  repo: string,
  pullNumber: number,
): Promise<PendingReview> {
  const review = await findPendingReview(ctx, owner, repo, pullNumber);
  if (!review) {
    throw new InvalidInputError(`You have no pending review on ${owner}/${repo}#${pullNumber}.`, {
      hint: 'Start one with pull_request_review_write method create and no event.',
    });
  }
  return review;
}

interface CommentNode {
  fullDatabaseId: string | null;
  author: GraphqlActor | null;
  body: string;
  createdAt: string;
}

interface ThreadsAnswer {
  repository: {
    pullRequest: {
      reviewThreads: {
        totalCount: number;
        nodes: Array<{
          id: string;
          path: string;
          line: number | null;
          startLine: number | null;
          diffSide: string;
          isResolved: boolean;
          isOutdated: boolean;
          comments: { totalCount: number; nodes: CommentNode[] };
        }>;
        pageInfo: z.infer<typeof pageInfo>;
      };
    };
  };
}

const THREADS = `query ReviewThreads($owner: String!, $repo: String!, $number: Int!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: $first, after: $after) {
        totalCount
        nodes {
          id path line startLine diffSide isResolved isOutdated
          comments(first: 100) { totalCount nodes { fullDatabaseId author { __typename login } body createdAt } }
        }
        ${PAGE_INFO}
      }
    }
  }
}`;

export const reviewThread = z.object({
  id: z.string().describe('For resolve_thread'),
  path: z.string(),
  line: z.number().nullable(),
  startLine: z.number().nullable(),
  side: z.string(),
  isResolved: z.boolean(),
  isOutdated: z.boolean(),
  comments: z.array(commentOut.describe('id: for add_reply_to_pull_request_comment')),
  commentCount: z.number().optional().describe('All comments, when more than the 100 shown'),
});

/**
 * Review comments grouped in their threads, which REST cannot give: the thread ids that
 * resolve_thread takes, and whether each is resolved. Lockdown withholds comments one by one.
 */
export async function reviewThreads(
  ctx: GitHubContext,
  at: {
    owner: string;
    repo: string;
    pullNumber: number;
    perPage?: number | undefined;
    after?: string | undefined;
  },
) {
  const answer = await graphql<ThreadsAnswer>(ctx, THREADS, {
    owner: at.owner,
    repo: at.repo,
    number: at.pullNumber,
    first: at.perPage ?? 30,
    after: at.after ?? null,
  });
  const { nodes, totalCount, pageInfo: page } = answer.repository.pullRequest.reviewThreads;
  let withheld = 0;
  const threads = [];
  for (const t of nodes) {
    const kept = await ctx.deps.lockdown.filter(at.owner, at.repo, t.comments.nodes, (c) =>
      actorLogin(c.author),
    );
    withheld += kept.withheld;
    threads.push({
      id: t.id,
      path: t.path,
      line: t.line,
      startLine: t.startLine,
      side: t.diffSide,
      isResolved: t.isResolved,
      isOutdated: t.isOutdated,
      comments: kept.items.map((c) => ({
        id: Number(c.fullDatabaseId),
        author: actorLogin(c.author) ?? null,
        body: text(c.body),
        created: c.createdAt,
      })),
      ...(t.comments.totalCount > t.comments.nodes.length && { commentCount: t.comments.totalCount }),
    });
  }
  return { threads, ...(withheld > 0 && { withheld }), totalCount, pageInfo: page };
}
