import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { nextPage, nextPageOf, pageParams, paging } from '../tool-args.js';

export default defineTool({
  name: 'get_teams',
  title: 'Get my teams',
  description: 'Your teams in every organization.',
  inputSchema: z.object({ ...paging }),
  outputSchema: z.object({
    teams: z.array(z.object({ org: z.string(), slug: z.string(), name: z.string() })),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'context',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.teams.listForAuthenticatedUser({
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
    return {
      teams: res.data.map((t) => ({
        org: t.organization.login,
        slug: t.slug,
        name: t.name,
      })),
      ...nextPageOf(res.headers),
    };
  },
});
