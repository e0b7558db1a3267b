import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { repoOut, repoSummary } from '../repositories.js';

export default defineTool({
  name: 'create_repository',
  title: 'Create repository',
  description: 'Create a repository for the authenticated user.',
  inputSchema: z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    private: z.boolean().default(false),
    autoInit: z.boolean().default(false),
  }),
  outputSchema: repoOut,
  annotations: writes({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.repos.createForAuthenticatedUser({
      name: input.name,
      private: input.private,
      auto_init: input.autoInit,
      ...(input.description && { description: input.description }),
    });
    return repoSummary(data);
  },
});
