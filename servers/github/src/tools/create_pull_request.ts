import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { prRef } from '../pulls.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'create_pull_request',
  title: 'Create pull request',
  description: 'Open a pull request from head into base.',
  inputSchema: z.object({
    owner,
    repo,
    title: z.string().min(1),
    head: z.string().min(1),
    base: z.string().min(1),
    body: z.string().optional(),
    draft: z.boolean().optional(),
    maintainer_can_modify: z.boolean().optional(),
  }),
  outputSchema: prRef,
  annotations: writes({ openWorld: true }),
  toolset: 'pull_requests',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.pulls.create(input);
    return { number: data.number, url: data.html_url, state: data.state };
  },
});
