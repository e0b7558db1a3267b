import { destructive, InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { graphql } from '../graphql.js';
import { pullNumber } from '../pulls.js';
import { pendingReviewOrThrow } from '../reviews.js';
import { owner, repo } from '../tool-args.js';

const METHODS = ['create', 'submit_pending', 'delete_pending', 'resolve_thread', 'unresolve_thread'] as const;
const EVENTS = ['APPROVE', 'REQUEST_CHANGES', 'COMMENT'] as const;

type Review = { fullDatabaseId: string | null; state: string; url: string };
const REVIEW = 'pullRequestReview { fullDatabaseId state url }';
const reviewOut = (r: Review) => ({ id: Number(r.fullDatabaseId), state: r.state, url: r.url });

export default defineTool({
  name: 'pull_request_review_write',
  title: 'Review pull request',
  description:
    'method create (a review with event; a pending one without), submit_pending (event), delete_pending, resolve_thread or unresolve_thread (threadId). COMMENT or REQUEST_CHANGES needs a body unless the pending review has comments.',
  inputSchema: z.object({
    method: z.enum(METHODS).default('create'),
    owner,
    repo,
    pullNumber,
    event: z.enum(EVENTS).optional(),
    body: z.string().optional(),
    commitID: z.string().optional().describe('Default: the head commit'),
    threadId: z.string().optional().describe('PRRT_… from get_review_comments'),
  }),
  outputSchema: z.object({
    id: z.number().optional(),
    state: z.string().optional(),
    url: z.string().optional(),
    deleted: z.boolean().optional(),
    threadId: z.string().optional(),
    isResolved: z.boolean().optional(),
  }),
  // delete_pending discards the pending review and every comment in it.
  annotations: destructive({ openWorld: true }),
  toolset: 'pull_requests',
  // Only discarding a pending review loses work (its comments); the rest can be redone or undone.
  confirm: (input) =>
    input.method === 'delete_pending'
      ? `Discard your pending review on ${input.owner}/${input.repo}#${input.pullNumber} with all its comments`
      : undefined,
  handler: async (input, ctx) => {
    const where = { owner: input.owner, repo: input.repo, pull_number: input.pullNumber };
    switch (input.method) {
      case 'create': {
        if ((input.event === 'REQUEST_CHANGES' || input.event === 'COMMENT') && !input.body)
          throw new InvalidInputError(`A ${input.event} review needs a body.`);
        // Without an event, GitHub keeps the review pending.
        const { data } = await ctx.deps.gh.rest.pulls.createReview({
          ...where,
          ...(input.event && { event: input.event }),
          ...(input.body && { body: input.body }),
          ...(input.commitID && { commit_id: input.commitID }),
        });
        return { id: data.id, state: data.state, url: data.html_url };
      }
      case 'submit_pending': {
        if (!input.event)
          throw new InvalidInputError('submit_pending needs an event: APPROVE, REQUEST_CHANGES or COMMENT.');
        const pending = await pendingReviewOrThrow(ctx, input.owner, input.repo, input.pullNumber);
        const out = await graphql<{ submitPullRequestReview: { pullRequestReview: Review } }>(
          ctx,
          `mutation SubmitPendingReview($input: SubmitPullRequestReviewInput!) { submitPullRequestReview(input: $input) { ${REVIEW} } }`,
          {
            input: {
              pullRequestReviewId: pending.id,
              event: input.event,
              ...(input.body && { body: input.body }),
            },
          },
        );
        return reviewOut(out.submitPullRequestReview.pullRequestReview);
      }
      case 'delete_pending': {
        const pending = await pendingReviewOrThrow(ctx, input.owner, input.repo, input.pullNumber);
        await graphql(
          ctx,
          'mutation DeletePendingReview($input: DeletePullRequestReviewInput!) { deletePullRequestReview(input: $input) { pullRequestReview { id } } }',
          { input: { pullRequestReviewId: pending.id } },
        );
        return { id: pending.databaseId, url: pending.url, deleted: true };
      }
      case 'resolve_thread':
      case 'unresolve_thread': {
        if (!input.threadId) throw new InvalidInputError(`${input.method} needs threadId.`);
        const field = input.method === 'resolve_thread' ? 'resolveReviewThread' : 'unresolveReviewThread';
        const type =
          input.method === 'resolve_thread' ? 'ResolveReviewThreadInput' : 'UnresolveReviewThreadInput';
        const out = await graphql<Record<string, { thread: { id: string; isResolved: boolean } }>>(
          ctx,
          `mutation ResolveThread($input: ${type}!) { ${field}(input: $input) { thread { id isResolved } } }`,
          { input: { threadId: input.threadId } },
        );
        const thread = out[field]?.thread;
        return {
          threadId: thread?.id ?? input.threadId,
          isResolved: thread?.isResolved ?? input.method === 'resolve_thread',
        };
      }
    }
  },
});
