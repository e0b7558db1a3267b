import * as z from 'zod';
import {
  defineTool,
  type GitHubTool,
  login,
  nextPage,
  nextPageOf,
  pageParams,
  paging,
  READ,
  text,
} from './common.js';

const getMe = defineTool({
  name: 'get_me',
  title: 'Get my user',
  description: 'The authenticated user (login, name, email). Use it to learn who "me" is.',
  inputSchema: z.object({}),
  outputSchema: z.object({
    login: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    company: z.string().nullable(),
    url: z.string(),
  }),
  annotations: READ,
  handler: async (_input, ctx) => {
    const { data } = await ctx.deps.gh.rest.users.getAuthenticated({ request: { signal: ctx.signal } });
    return {
      login: data.login,
      name: text(data.name),
      email: data.email ?? null,
      company: text(data.company),
      url: data.html_url,
    };
  },
});

const getTeams = defineTool({
  name: 'get_teams',
  title: 'Get my teams',
  description: "The authenticated user's teams in every organization (needs read:org).",
  inputSchema: z.object({ ...paging }),
  outputSchema: z.object({
    teams: z.array(z.object({ org: z.string(), slug: z.string(), name: z.string() })),
    nextPage,
  }),
  annotations: READ,
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

const getTeamMembers = defineTool({
  name: 'get_team_members',
  title: 'Get team members',
  description: 'Logins of the members of an organization team.',
  inputSchema: z.object({ org: z.string().min(1), team_slug: z.string().min(1), ...paging }),
  outputSchema: z.object({ members: z.array(z.string()), nextPage }),
  annotations: READ,
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.teams.listMembersInOrg({
      org: input.org,
      team_slug: input.team_slug,
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
    return { members: res.data.map((u) => login(u) ?? ''), ...nextPageOf(res.headers) };
  },
});

const searchUsers = defineTool({
  name: 'search_users',
  title: 'Search users',
  description: 'Users matching GitHub search syntax, e.g. "jane location:Berlin".',
  inputSchema: z.object({
    query: z.string().min(1),
    sort: z.enum(['followers', 'repositories', 'joined']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    ...paging,
  }),
  outputSchema: z.object({
    total: z.number(),
    users: z.array(z.object({ login: z.string(), type: z.string(), url: z.string() })),
    nextPage,
  }),
  annotations: READ,
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.search.users({
      q: input.query,
      ...(input.sort && { sort: input.sort }),
      ...(input.order && { order: input.order }),
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
    return {
      total: res.data.total_count,
      users: res.data.items.map((u) => ({ login: u.login, type: u.type, url: u.html_url })),
      ...nextPageOf(res.headers),
    };
  },
});

export const contextTools: GitHubTool[] = [getMe, getTeams, getTeamMembers];
export const userTools: GitHubTool[] = [searchUsers];
