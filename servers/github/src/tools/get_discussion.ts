import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import {
  DISCUSSION_FIELDS,
  type DiscussionNode,
  discussionNumber,
  discussionSummary,
  summarizeDiscussion,
} from '../discussions.js';
import { graphql } from '../graphql.js';
import { WITHHELD } from '../issues.js';
import { actorLogin } from '../lockdown.js';
import { text } from '../sanitize.js';
import { owner, repo } from '../tool-args.js';

interface Answer {
  repository: {
    discussion: DiscussionNode & {
      body: string;
      answerChosenAt: string | null;
      comments: { totalCount: number };
    };
  };
}

const QUERY = `query GetDiscussion($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    discussion(number: $number) { ${DISCUSSION_FIELDS} body answerChosenAt comments { totalCount } }
  }
}`;

export default defineTool({
  name: 'get_discussion',
  title: 'Get discussion',
  description: 'One discussion by number: its text, category, state and whether it has an answer.',
  inputSchema: z.object({ owner, repo, discussionNumber }),
  outputSchema: discussionSummary.extend({
    body: z.string().nullable(),
    answerChosenAt: z.string().nullable(),
    comments: z.number().describe('Top-level comments; read them with get_discussion_comments'),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'discussions',
  handler: async (input, ctx) => {
    const { repository } = await graphql<Answer>(ctx, QUERY, {
      owner: input.owner,
      repo: input.repo,
      number: input.discussionNumber,
    });
    const d = repository.discussion;
    const shown = await ctx.deps.lockdown.allows(input.owner, input.repo, actorLogin(d.author));
    return {
      ...summarizeDiscussion(d, shown),
      body: shown ? text(d.body) : WITHHELD,
      answerChosenAt: d.answerChosenAt,
      comments: d.comments.totalCount,
    };
  },
});
