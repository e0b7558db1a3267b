import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { repoOut, repoSummary } from '../repositories.js';

export default defineTool({
  name: 'create_repository',
  title: 'Create repository',
  description: 'Create a repository for you, or in an organization.',
  inputSchema: z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    private: z.boolean().default(false),
    autoInit: z.boolean().default(false),
    organization: z.string().optional(),
  }),
  outputSchema: repoOut,
  annotations: writes({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const body = {
      name: input.name,
      private: input.private,
      auto_init: input.autoInit,
      ...(input.description && { description: input.description }),
    };
    const { data } = input.organization
      ? await ctx.deps.gh.rest.repos.createInOrg({ org: input.organization, ...body })
      : await ctx.deps.gh.rest.repos.createForAuthenticatedUser(body);
    return repoSummary(data);
  },
});
