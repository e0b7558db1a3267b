import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { prRef, pullNumber } from '../pulls.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'update_pull_request',
  title: 'Update pull request',
  description: 'Change title, body, state, base branch or draft flag of a pull request.',
  inputSchema: z.object({
    owner,
    repo,
    pullNumber,
    title: z.string().optional(),
    body: z.string().optional(),
    state: z.enum(['open', 'closed']).optional(),
    base: z.string().optional(),
    maintainer_can_modify: z.boolean().optional(),
  }),
  outputSchema: prRef,
  annotations: writes({ openWorld: true }),
  toolset: 'pull_requests',
  handler: async (input, ctx) => {
    const { pullNumber: pull_number, ...rest } = input;
    const { data } = await ctx.deps.gh.rest.pulls.update({ ...rest, pull_number });
    return { number: data.number, url: data.html_url, state: data.state };
  },
});
