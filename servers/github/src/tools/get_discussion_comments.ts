import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { discussionNumber } from '../discussions.js';
import { cursorPaging, graphql, PAGE_INFO, pageInfo } from '../graphql.js';
import { actorLogin, type GraphqlActor } from '../lockdown.js';
import { text } from '../sanitize.js';
import { owner, repo } from '../tool-args.js';

interface CommentNode {
  id: string;
  author: GraphqlActor | null;
  body: string;
  createdAt: string;
  isAnswer: boolean;
}

interface Answer {
  repository: {
    discussion: {
      comments: {
        totalCount: number;
        nodes: Array<CommentNode & { replies?: { totalCount: number; nodes: CommentNode[] } }>;
        pageInfo: z.infer<typeof pageInfo>;
      };
    };
  };
}

const COMMENT_FIELDS = 'id author { __typename login } body createdAt isAnswer';

// GitHub nests replies one level deep and serves at most 100 of them per comment.
const queryFor = (replies: boolean) => `query GetDiscussionComments(
  $owner: String!, $repo: String!, $number: Int!, $first: Int!, $after: String
) {
  repository(owner: $owner, name: $repo) {
    discussion(number: $number) {
      comments(first: $first, after: $after) {
        totalCount
        nodes { ${COMMENT_FIELDS}${replies ? ` replies(first: 100) { totalCount nodes { ${COMMENT_FIELDS} } }` : ''} }
        ${PAGE_INFO}
      }
    }
  }
}`;

const commentOut = z.object({
  id: z.string().describe('Node id, as discussion_comment_write takes it'),
  author: z.string().nullable(),
  body: z.string().nullable(),
  created: z.string(),
  isAnswer: z.boolean(),
});

export default defineTool({
  name: 'get_discussion_comments',
  title: 'Get discussion comments',
  description:
    "A discussion's top-level comments, oldest first, with each one's replies (up to 100) when includeReplies is true; cursor paging (after = endCursor).",
  inputSchema: z.object({
    owner,
    repo,
    discussionNumber,
    includeReplies: z.boolean().optional(),
    ...cursorPaging,
  }),
  outputSchema: z.object({
    comments: z.array(
      commentOut.extend({
        replies: z.array(commentOut).optional(),
        replyCount: z.number().optional().describe('All replies, when more than the 100 shown'),
      }),
    ),
    withheld: z.number().optional().describe('Comments and replies withheld by lockdown mode'),
    totalCount: z.number(),
    pageInfo,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'discussions',
  handler: async (input, ctx) => {
    const { repository } = await graphql<Answer>(ctx, queryFor(input.includeReplies === true), {
      owner: input.owner,
      repo: input.repo,
      number: input.discussionNumber,
      first: input.perPage ?? 30,
      after: input.after ?? null,
    });
    const { nodes, totalCount, pageInfo: page } = repository.discussion.comments;
    const { lockdown } = ctx.deps;
    const keep = <T extends CommentNode>(list: T[]) =>
      lockdown.filter(input.owner, input.repo, list, (c) => actorLogin(c.author));
    const trim = (c: CommentNode) => ({
      id: c.id,
      author: actorLogin(c.author) ?? null,
      body: text(c.body),
      created: c.createdAt,
      isAnswer: c.isAnswer,
    });
    const top = await keep(nodes);
    let withheld = top.withheld;
    const comments = [];
    for (const c of top.items) {
      if (!c.replies) {
        comments.push(trim(c));
        continue;
      }
      const replies = await keep(c.replies.nodes);
      withheld += replies.withheld;
      comments.push({
        ...trim(c),
        replies: replies.items.map(trim),
        ...(c.replies.totalCount > c.replies.nodes.length && { replyCount: c.replies.totalCount }),
      });
    }
    return { comments, ...(withheld > 0 && { withheld }), totalCount, pageInfo: page };
  },
});
