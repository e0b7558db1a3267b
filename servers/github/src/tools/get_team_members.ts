import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { nextPage, nextPageOf, pageParams, paging } from '../tool-args.js';

export default defineTool({
  name: 'get_team_members',
  title: 'Get team members',
  description: 'Logins of the members of an organization team.',
  inputSchema: z.object({ org: z.string().min(1), team_slug: z.string().min(1), ...paging }),
  outputSchema: z.object({ members: z.array(z.string()), nextPage }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'context',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.teams.listMembersInOrg({
      org: input.org,
      team_slug: input.team_slug,
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
    return { members: res.data.map((u) => u?.login ?? ''), ...nextPageOf(res.headers) };
  },
});
