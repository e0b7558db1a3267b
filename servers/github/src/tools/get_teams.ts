import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { graphql } from '../graphql.js';
import { nextPage, nextPageOf, pageParams, paging } from '../tool-args.js';

type Team = { name: string; slug: string };

const USER_TEAMS = `query($login: String!) {
  user(login: $login) {
    organizations(first: 100) { nodes { login teams(first: 100, userLogins: [$login]) { nodes { name slug } } } }
  }
}`;

export default defineTool({
  name: 'get_teams',
  title: 'Get my teams',
  description: 'Your teams in every organization.',
  inputSchema: z.object({ user: z.string().optional(), ...paging }),
  outputSchema: z.object({
    teams: z.array(z.object({ org: z.string(), slug: z.string(), name: z.string() })),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'context',
  handler: async (input, ctx) => {
    // REST lists only the viewer's teams; another user's come from GraphQL, in organizations
    // whose teams the viewer may see.
    if (input.user) {
      type Answer = {
        user: { organizations: { nodes: Array<{ login: string; teams: { nodes: Team[] } }> } };
      };
      const { user } = await graphql<Answer>(ctx, USER_TEAMS, { login: input.user });
      return {
        teams: user.organizations.nodes.flatMap((o) =>
          o.teams.nodes.map((t) => ({ org: o.login, slug: t.slug, name: t.name })),
        ),
      };
    }
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
