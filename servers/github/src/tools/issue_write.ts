import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { issueNumber } from '../issues.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'issue_write',
  title: 'Create or update issue',
  description: 'method create (title required) or update (issue_number required; state closes or reopens).',
  inputSchema: z.object({
    method: z.enum(['create', 'update']),
    owner,
    repo,
    issue_number: issueNumber.optional(),
    title: z.string().optional(),
    body: z.string().optional(),
    labels: z.array(z.string()).optional(),
    assignees: z.array(z.string()).optional(),
    state: z.enum(['open', 'closed']).optional(),
    state_reason: z.enum(['completed', 'not_planned', 'duplicate', 'reopened']).optional(),
  }),
  outputSchema: z.object({ number: z.number(), url: z.string(), state: z.string() }),
  annotations: writes({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const fields = {
      ...(input.title !== undefined && { title: input.title }),
      ...(input.body !== undefined && { body: input.body }),
      ...(input.labels && { labels: input.labels }),
      ...(input.assignees && { assignees: input.assignees }),
    };
    const where = { owner: input.owner, repo: input.repo };
    if (input.method === 'create') {
      if (!input.title) throw new InvalidInputError('title is required to create an issue.');
      const { data } = await gh.rest.issues.create({ ...where, title: input.title, ...fields });
      return { number: data.number, url: data.html_url, state: data.state };
    }
    if (!input.issue_number) throw new InvalidInputError('issue_number is required to update an issue.');
    const { data } = await gh.rest.issues.update({
      ...where,
      issue_number: input.issue_number,
      ...fields,
      ...(input.state && { state: input.state }),
      ...(input.state_reason && { state_reason: input.state_reason }),
    });
    return { number: data.number, url: data.html_url, state: data.state };
  },
});
