import { actor, connection, type GraphqlContext, gqlError, type PageArgs } from './graphql-views.js';

/**
 * A user's organizations and their teams, as get_teams reads another user's teams. An
 * organization's teams show only to its members; the fake knows membership through teams.
 */

function teamsOf(ctx: GraphqlContext, org: string) {
  return [...ctx.gh.teams.values()].filter((t) => t.org.toLowerCase() === org.toLowerCase());
}

const isMember = (ctx: GraphqlContext, org: string, login: string) =>
  teamsOf(ctx, org).some((t) => t.members.includes(login.toLowerCase()));

function organizationView(ctx: GraphqlContext, org: string) {
  return {
    ...actor(ctx, org),
    __typename: 'Organization',
    teams: (args: PageArgs & { userLogins?: string[] | null }) => {
      const visible = isMember(ctx, org, ctx.login) ? teamsOf(ctx, org) : [];
      const wanted = args.userLogins?.map((l) => l.toLowerCase());
      const teams = visible.filter((t) => !wanted || wanted.some((l) => t.members.includes(l)));
      return connection(
        teams,
        args,
        (t) => ({
          __typename: 'Team',
          id: `T_${t.id}`,
          databaseId: t.id,
          name: t.name,
          slug: t.slug,
          description: null,
        }),
        'teams',
      );
    },
  };
}

export function userRoot(ctx: GraphqlContext) {
  return {
    user: ({ login }: { login: string }) => {
      const user = ctx.gh.users.get(login.toLowerCase());
      if (!user || user.type === 'Organization')
        throw gqlError('NOT_FOUND', `Could not resolve to a User with the login of '${login}'.`);
      const orgs = [...new Set([...ctx.gh.teams.values()].map((t) => t.org))].filter((o) =>
        isMember(ctx, o, user.login),
      );
      return {
        ...actor(ctx, user.login),
        organizations: (args: PageArgs) =>
          connection(orgs, args, (o) => organizationView(ctx, o), 'organizations'),
      };
    },
  };
}
