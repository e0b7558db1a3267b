import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { graphql } from '../graphql.js';
import { pullNumber } from '../pulls.js';
import { pendingReviewOrThrow } from '../reviews.js';
import { owner, repo } from '../tool-args.js';

const side = z.enum(['LEFT', 'RIGHT']);

interface Answer {
  addPullRequestReviewThread: {
    thread: { id: string; comments: { nodes: Array<{ fullDatabaseId: string | null; url: string }> } } | null;
  };
}

const MUTATION = `mutation AddPendingReviewThread($input: AddPullRequestReviewThreadInput!) {
  addPullRequestReviewThread(input: $input) { thread { id comments(first: 1) { nodes { fullDatabaseId url } } } }
}`;

export default defineTool({
  name: 'add_comment_to_pending_review',
  title: 'Comment in pending review',
  description:
    "Comment in your pending review (pull_request_review_write create, no event) on a line, a range (startLine to line) or the file (subjectType FILE). Lines are the file's, RIGHT (new) or LEFT (old) side.",
  inputSchema: z.object({
    owner,
    repo,
    pullNumber,
    path: z.string(),
    body: z.string().min(1),
    subjectType: z.enum(['FILE', 'LINE']),
    line: z.number().min(1).optional().describe('LINE: the line, or the last line of a range'),
    side: side.optional().describe('Default RIGHT'),
    startLine: z.number().min(1).optional().describe('First line of a range'),
    startSide: side.optional(),
  }),
  outputSchema: z.object({
    threadId: z.string().describe('For resolve_thread'),
    commentId: z.number().describe('For add_reply_to_pull_request_comment'),
    url: z.string(),
  }),
  annotations: writes({ openWorld: true }),
  toolset: 'pull_requests',
  handler: async (input, ctx) => {
    if (input.subjectType === 'LINE' && input.line === undefined)
      throw new InvalidInputError('A LINE comment needs line (and startLine for a range).');
    if (input.startLine !== undefined && input.line !== undefined && input.startLine >= input.line)
      throw new InvalidInputError(`startLine (${input.startLine}) must come before line (${input.line}).`);
    const onLines = input.subjectType === 'LINE';
    const review = await pendingReviewOrThrow(ctx, input.owner, input.repo, input.pullNumber);
    const { addPullRequestReviewThread: added } = await graphql<Answer>(ctx, MUTATION, {
      input: {
        pullRequestReviewId: review.id,
        path: input.path,
        body: input.body,
        subjectType: input.subjectType,
        ...(onLines && { line: input.line }),
        ...(onLines && input.side && { side: input.side }),
        ...(onLines && input.startLine !== undefined && { startLine: input.startLine }),
        ...(onLines && input.startLine !== undefined && input.startSide && { startSide: input.startSide }),
      },
    });
    const comment = added.thread?.comments.nodes[0];
    // GitHub answers a comment it cannot place in the diff with no thread and no error.
    if (!added.thread || !comment) {
      throw new InvalidInputError(
        `GitHub could not place the comment on ${input.path}${onLines ? ` line ${input.line}` : ''}.`,
        {
          hint: 'Check that the path is changed by the pull request and that the lines exist on that side (RIGHT: the new file, LEFT: the old one); pull_request_read get_files shows the diff.',
        },
      );
    }
    return { threadId: added.thread.id, commentId: Number(comment.fullDatabaseId), url: comment.url };
  },
});
