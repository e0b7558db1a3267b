import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { repoOut, repoSummary } from '../repositories.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'fork_repository',
  title: 'Fork repository',
  description: 'Fork a repository to your account or an organization.',
  inputSchema: z.object({ owner, repo, organization: z.string().optional() }),
  outputSchema: repoOut,
  annotations: writes({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.repos.createFork({
      owner: input.owner,
      repo: input.repo,
      ...(input.organization && { organization: input.organization }),
    });
    return repoSummary(data);
  },
});
