import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { orgOrRepo, repoOrDotGithub } from '../discussions.js';
import { graphql } from '../graphql.js';
import { text } from '../sanitize.js';

interface Answer {
  repository: {
    discussionCategories: {
      totalCount: number;
      nodes: Array<{ id: string; name: string; description: string | null; isAnswerable: boolean }>;
    };
  };
}

// A repository has at most 25 categories, so one page of 100 holds them all.
const QUERY = `query ListDiscussionCategories($owner: String!, $repo: String!) {
  repository(owner: $owner, name: $repo) {
    discussionCategories(first: 100) { totalCount nodes { id name description isAnswerable } }
  }
}`;

export default defineTool({
  name: 'list_discussion_categories',
  title: 'List discussion categories',
  description:
    "Discussion categories of a repository or organisation, with the id list_discussions' category filter takes.",
  inputSchema: z.object(orgOrRepo),
  outputSchema: z.object({
    categories: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string().nullable(),
        isAnswerable: z.boolean().describe('Q&A: a comment can be marked as the answer'),
      }),
    ),
    totalCount: z.number(),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'discussions',
  handler: async (input, ctx) => {
    const { repository } = await graphql<Answer>(ctx, QUERY, {
      owner: input.owner,
      repo: repoOrDotGithub(input.repo),
    });
    const { nodes, totalCount } = repository.discussionCategories;
    return {
      categories: nodes.map((c) => ({ ...c, name: text(c.name) ?? '', description: text(c.description) })),
      totalCount,
    };
  },
});
