import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'unstar_repository',
  title: 'Unstar repository',
  description: 'Remove your star from a repository (idempotent).',
  inputSchema: z.object({ owner, repo }),
  outputSchema: z.object({ starred: z.boolean() }),
  annotations: writes({ openWorld: true, idempotent: true }),
  toolset: 'stargazers',
  handler: async (input, ctx) => {
    await ctx.deps.gh.rest.activity.unstarRepoForAuthenticatedUser({
      owner: input.owner,
      repo: input.repo,
      request: { signal: ctx.signal },
    });
    return { starred: false };
  },
});
