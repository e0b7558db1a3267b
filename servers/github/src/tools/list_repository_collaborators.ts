import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { nextPage, nextPageOf, owner, paging, repo, repoPage } from '../tool-args.js';

export default defineTool({
  name: 'list_repository_collaborators',
  title: 'List collaborators',
  description: 'People with access to a repository and their role. Needs push access.',
  inputSchema: z.object({
    owner,
    repo,
    affiliation: z.enum(['outside', 'direct', 'all']).optional(),
    ...paging,
  }),
  outputSchema: z.object({
    collaborators: z.array(z.object({ login: z.string(), role: z.string() })),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.repos.listCollaborators({
      ...repoPage(input, ctx.signal),
      ...(input.affiliation && { affiliation: input.affiliation }),
    });
    return {
      collaborators: res.data.map((c) => ({ login: c.login, role: c.role_name })),
      ...nextPageOf(res.headers),
    };
  },
});
