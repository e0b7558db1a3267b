import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { milestoneOut, trimMilestone } from '../milestones.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'milestone_write',
  title: 'Create, update or close milestone',
  description: 'method create (title), update or close (milestone_number). due_on is ISO 8601.',
  inputSchema: z.object({
    method: z.enum(['create', 'update', 'close']),
    owner,
    repo,
    milestone_number: z.number().int().min(1).optional(),
    title: z.string().min(1).optional(),
    description: z.string().optional(),
    due_on: z.string().nullable().optional().describe('null removes'),
    state: z.enum(['open', 'closed']).optional(),
  }),
  outputSchema: milestoneOut,
  annotations: writes({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo, request: { signal: ctx.signal } };
    const fields = {
      ...(input.description !== undefined && { description: input.description }),
      ...(input.due_on !== undefined && { due_on: input.due_on as string }),
      ...(input.state && { state: input.state }),
    };
    if (input.method === 'create') {
      if (!input.title) throw new InvalidInputError('create needs title.');
      return trimMilestone(
        (await gh.rest.issues.createMilestone({ ...where, title: input.title, ...fields })).data,
      );
    }
    if (!input.milestone_number) throw new InvalidInputError(`${input.method} needs milestone_number.`);
    const { data } = await gh.rest.issues.updateMilestone({
      ...where,
      milestone_number: input.milestone_number,
      ...(input.title && { title: input.title }),
      ...fields,
      ...(input.method === 'close' && { state: 'closed' as const }),
    });
    return trimMilestone(data);
  },
});
