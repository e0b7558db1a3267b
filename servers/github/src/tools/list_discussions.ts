import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import {
  DISCUSSION_FIELDS,
  type DiscussionNode,
  discussionSummary,
  orgOrRepo,
  repoOrDotGithub,
  summarizeDiscussion,
} from '../discussions.js';
import { cursorPaging, graphql, PAGE_INFO, pageInfo } from '../graphql.js';
import { actorLogin } from '../lockdown.js';

interface Answer {
  repository: {
    discussions: {
      totalCount: number;
      nodes: DiscussionNode[];
      pageInfo: z.infer<typeof pageInfo>;
    };
  };
}

/**
 * Only the arguments given are written into the query: an explicit null `orderBy` is not the
 * same as leaving GitHub's default (most recently updated first).
 */
function queryFor(filters: { category: boolean; order: boolean }): string {
  const declared = [
    '$owner: String!',
    '$repo: String!',
    '$first: Int!',
    '$after: String',
    ...(filters.category ? ['$categoryId: ID!'] : []),
    ...(filters.order ? ['$orderBy: DiscussionOrder!'] : []),
  ];
  const args = [
    'first: $first',
    'after: $after',
    ...(filters.category ? ['categoryId: $categoryId'] : []),
    ...(filters.order ? ['orderBy: $orderBy'] : []),
  ];
  return `query ListDiscussions(${declared.join(', ')}) {
  repository(owner: $owner, name: $repo) {
    discussions(${args.join(', ')}) { totalCount nodes { ${DISCUSSION_FIELDS} } ${PAGE_INFO} }
  }
}`;
}

export default defineTool({
  name: 'list_discussions',
  title: 'List discussions',
  description:
    'Discussions of a repository or organisation, most recently updated first unless orderBy/direction say otherwise; cursor paging (after = endCursor).',
  inputSchema: z.object({
    ...orgOrRepo,
    category: z.string().optional().describe('Category id from list_discussion_categories'),
    orderBy: z.enum(['CREATED_AT', 'UPDATED_AT']).optional(),
    direction: z.enum(['ASC', 'DESC']).optional(),
    ...cursorPaging,
  }),
  outputSchema: z.object({
    discussions: z.array(discussionSummary),
    withheld: z.number().optional(),
    totalCount: z.number(),
    pageInfo,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'discussions',
  handler: async (input, ctx) => {
    const repo = repoOrDotGithub(input.repo);
    const order = input.orderBy !== undefined || input.direction !== undefined;
    const { repository } = await graphql<Answer>(ctx, queryFor({ category: !!input.category, order }), {
      owner: input.owner,
      repo,
      first: input.perPage ?? 30,
      after: input.after ?? null,
      ...(input.category && { categoryId: input.category }),
      ...(order && {
        orderBy: { field: input.orderBy ?? 'UPDATED_AT', direction: input.direction ?? 'DESC' },
      }),
    });
    const { nodes, totalCount, pageInfo: page } = repository.discussions;
    const { items, withheld } = await ctx.deps.lockdown.filter(input.owner, repo, nodes, (d) =>
      actorLogin(d.author),
    );
    return {
      discussions: items.map((d) => summarizeDiscussion(d)),
      ...(withheld > 0 && { withheld }),
      totalCount,
      pageInfo: page,
    };
  },
});
