import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { milestoneOut, trimMilestone } from '../milestones.js';
import { nextPage, nextPageOf, order, owner, paging, repo, repoPage } from '../tool-args.js';

export default defineTool({
  name: 'list_milestones',
  title: 'List milestones',
  description: 'Milestones with their open and closed issue counts (for issue_write milestone).',
  inputSchema: z.object({
    owner,
    repo,
    state: z.enum(['open', 'closed', 'all']).default('open'),
    sort: z.enum(['due_on', 'completeness']).optional(),
    direction: order,
    ...paging,
  }),
  outputSchema: z.object({ milestones: z.array(milestoneOut), nextPage }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.issues.listMilestones({
      ...repoPage(input, ctx.signal),
      state: input.state,
      ...(input.sort && { sort: input.sort }),
      ...(input.direction && { direction: input.direction }),
    });
    return { milestones: res.data.map(trimMilestone), ...nextPageOf(res.headers) };
  },
});
