import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { pullNumber } from '../pulls.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'pull_request_review_write',
  title: 'Review pull request',
  description: 'Submit a review: event APPROVE, REQUEST_CHANGES or COMMENT (body required for the last two).',
  inputSchema: z.object({
    method: z.enum(['create']).default('create'),
    owner,
    repo,
    pullNumber,
    event: z.enum(['APPROVE', 'REQUEST_CHANGES', 'COMMENT']),
    body: z.string().optional(),
    commitID: z.string().optional(),
  }),
  outputSchema: z.object({ id: z.number(), state: z.string(), url: z.string() }),
  annotations: writes({ openWorld: true }),
  toolset: 'pull_requests',
  handler: async (input, ctx) => {
    if (input.event !== 'APPROVE' && !input.body)
      throw new InvalidInputError(`A ${input.event} review needs a body.`);
    const { data } = await ctx.deps.gh.rest.pulls.createReview({
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pullNumber,
      event: input.event,
      ...(input.body && { body: input.body }),
      ...(input.commitID && { commit_id: input.commitID }),
    });
    return { id: data.id, state: data.state, url: data.html_url };
  },
});
