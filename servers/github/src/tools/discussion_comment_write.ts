import { destructive, InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type GitHubContext } from '../deps.js';
import { discussionNumber } from '../discussions.js';
import { graphql } from '../graphql.js';

const METHODS = ['add', 'reply', 'update', 'delete', 'mark_answer', 'unmark_answer'] as const;

type Input = {
  method: (typeof METHODS)[number];
  owner?: string | undefined;
  repo?: string | undefined;
  discussionNumber?: number | undefined;
  body?: string | undefined;
  commentNodeID?: string | undefined;
};

function need<K extends keyof Input>(input: Input, ...keys: K[]): Required<Pick<Input, K>> {
  const missing = keys.filter((k) => input[k] === undefined || input[k] === '');
  if (missing.length > 0) {
    throw new InvalidInputError(`Method ${input.method} needs ${missing.join(', ')}.`);
  }
  return input as unknown as Required<Pick<Input, K>>;
}

const COMMENT = 'comment { id url }';

/**
 * The discussion's node id and, for a reply, the comment replied to. GitHub takes a replyToId it
 * cannot use as no reply at all (the comment becomes a top-level one), so the target is checked
 * first: it must be a comment of this discussion. A reply to a reply goes to its top-level
 * comment, since discussions nest one level only.
 */
async function target(ctx: GitHubContext, input: Input, replyTo?: string) {
  const { owner, repo, discussionNumber: number } = need(input, 'owner', 'repo', 'discussionNumber');
  const { repository, node } = await graphql<{
    repository: { discussion: { id: string } };
    node?: { id?: string; replyTo: { id: string } | null; discussion: { id: string } | null };
  }>(
    ctx,
    `query DiscussionCommentTarget($owner: String!, $repo: String!, $number: Int!${replyTo ? ', $replyTo: ID!' : ''}) {
      repository(owner: $owner, name: $repo) { discussion(number: $number) { id } }
      ${replyTo ? 'node(id: $replyTo) { ... on DiscussionComment { id replyTo { id } discussion { id } } }' : ''}
    }`,
    { owner, repo, number, ...(replyTo && { replyTo }) },
  );
  const discussionId = repository.discussion.id;
  if (!replyTo) return { discussionId };
  if (!node?.id || node.discussion?.id !== discussionId) {
    throw new InvalidInputError(`${replyTo} is not a comment of discussion #${number} in ${owner}/${repo}.`, {
      hint: 'Take commentNodeID from get_discussion_comments for this discussion.',
    });
  }
  return { discussionId, replyToId: node.replyTo?.id ?? node.id };
}

export default defineTool({
  name: 'discussion_comment_write',
  title: 'Manage discussion comments',
  description:
    'method add (owner, repo, discussionNumber, body), reply (those and commentNodeID), update (commentNodeID, body), delete (commentNodeID; its replies go too), mark_answer or unmark_answer (commentNodeID; Q&A categories).',
  inputSchema: z.object({
    method: z.enum(METHODS),
    owner: z.string().optional(),
    repo: z.string().optional(),
    discussionNumber: discussionNumber.optional(),
    body: z.string().optional(),
    commentNodeID: z.string().optional().describe('Comment node id from get_discussion_comments'),
  }),
  outputSchema: z.object({
    id: z.string().describe("The comment's node id"),
    url: z.string().describe('The comment; the discussion for mark_answer and unmark_answer'),
    isAnswer: z.boolean().optional(),
    deleted: z.boolean().optional(),
  }),
  annotations: destructive({ openWorld: true }),
  toolset: 'discussions',
  // Deleting takes the comment's replies with it; every other method can be undone.
  confirm: (input) =>
    input.method === 'delete'
      ? `Delete discussion comment ${input.commentNodeID ?? ''} with its replies`
      : undefined,
  handler: async (input, ctx) => {
    type Comment = { comment: { id: string; url: string } };
    switch (input.method) {
      case 'add':
      case 'reply': {
        const { body } = need(input, 'body');
        const replyTo = input.method === 'reply' ? need(input, 'commentNodeID').commentNodeID : undefined;
        const { discussionId, replyToId } = await target(ctx, input, replyTo);
        const out = await graphql<{ addDiscussionComment: Comment }>(
          ctx,
          `mutation AddDiscussionComment($input: AddDiscussionCommentInput!) { addDiscussionComment(input: $input) { ${COMMENT} } }`,
          { input: { discussionId, body, ...(replyToId && { replyToId }) } },
        );
        return out.addDiscussionComment.comment;
      }
      case 'update': {
        const { commentNodeID, body } = need(input, 'commentNodeID', 'body');
        const out = await graphql<{ updateDiscussionComment: Comment }>(
          ctx,
          `mutation UpdateDiscussionComment($input: UpdateDiscussionCommentInput!) { updateDiscussionComment(input: $input) { ${COMMENT} } }`,
          { input: { commentId: commentNodeID, body } },
        );
        return out.updateDiscussionComment.comment;
      }
      case 'delete': {
        const { commentNodeID } = need(input, 'commentNodeID');
        const out = await graphql<{ deleteDiscussionComment: Comment }>(
          ctx,
          `mutation DeleteDiscussionComment($input: DeleteDiscussionCommentInput!) { deleteDiscussionComment(input: $input) { ${COMMENT} } }`,
          { input: { id: commentNodeID } },
        );
        return { ...out.deleteDiscussionComment.comment, deleted: true };
      }
      case 'mark_answer':
      case 'unmark_answer': {
        const { commentNodeID } = need(input, 'commentNodeID');
        const field =
          input.method === 'mark_answer'
            ? 'markDiscussionCommentAsAnswer'
            : 'unmarkDiscussionCommentAsAnswer';
        const type =
          input.method === 'mark_answer'
            ? 'MarkDiscussionCommentAsAnswerInput'
            : 'UnmarkDiscussionCommentAsAnswerInput';
        const out = await graphql<Record<string, { discussion: { url: string } }>>(
          ctx,
          `mutation AnswerDiscussionComment($input: ${type}!) { ${field}(input: $input) { discussion { url } } }`,
          { input: { id: commentNodeID } },
        );
        return {
          id: commentNodeID,
          url: out[field]?.discussion.url ?? '',
          isAnswer: input.method === 'mark_answer',
        };
      }
    }
  },
});
