import { GraphQLError } from 'graphql';
import type { Urls } from './shapes.js';
import type { FakeGitHub, FakeRepo } from './state.js';

/**
 * What the GraphQL resolvers share. A view is a plain object in the shape of a schema type:
 * graphql-js reads its fields and calls its methods with the field's arguments, and picks an
 * interface's type from `__typename`. A field a view leaves out resolves to null, so a query
 * that needs a field the fake does not model fails loudly on a non-null field.
 */

export interface GraphqlContext {
  gh: FakeGitHub;
  login: string;
  urls: Urls;
}

/** GitHub's error types (NOT_FOUND, FORBIDDEN, UNPROCESSABLE …) travel as `type` on each error. */
export function gqlError(type: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type } });
}

export const notFoundNode = (id: string): GraphQLError =>
  gqlError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'.`);

/** Global ids as the REST API's `node_id`: a type prefix and the database id. */
export function parseNodeId(id: string): { prefix: string; id: number } | undefined {
  const match = /^([A-Z]+)_(\d+)$/.exec(id);
  return match ? { prefix: match[1] ?? '', id: Number(match[2]) } : undefined;
}

export const webUrl = (ctx: GraphqlContext, repo: FakeRepo, path: string): string =>
  `${ctx.urls.web}/${repo.owner}/${repo.name}${path}`;

export function actor(ctx: GraphqlContext, login: string | null): Record<string, unknown> | null {
  if (!login) return null;
  // A GitHub App's bot: REST's `name[bot]` is a Bot named `name` in GraphQL.
  const bot = /^(.+)\[bot\]$/.exec(login)?.[1];
  if (bot) {
    const id = ctx.gh.users.get(login.toLowerCase())?.id ?? 41898282;
    return {
      __typename: 'Bot',
      id: `BOT_${id}`,
      databaseId: id,
      login: bot,
      url: `${ctx.urls.web}/apps/${bot}`,
      resourcePath: `/apps/${bot}`,
      avatarUrl: () => `${ctx.urls.web}/avatars/${bot}`,
    };
  }
  const user = ctx.gh.users.get(login.toLowerCase());
  const type = user?.type === 'Organization' ? 'Organization' : 'User';
  return {
    __typename: type,
    id: `${type === 'User' ? 'U' : 'O'}_${user?.id ?? 1}`,
    databaseId: user?.id ?? 1,
    login: user?.login ?? login,
    name: user?.name ?? null,
    url: `${ctx.urls.web}/${login}`,
    resourcePath: `/${login}`,
    avatarUrl: () => `${ctx.urls.web}/avatars/${login}`,
  };
}

export const canPush = (ctx: GraphqlContext, repo: FakeRepo): boolean =>
  ['admin', 'write'].includes(ctx.gh.permission(repo, ctx.login));

export function forbidden(ctx: GraphqlContext, mutation: string): GraphQLError {
  return gqlError(
    'FORBIDDEN',
    `${ctx.login} does not have the correct permissions to execute \`${mutation}\``,
  );
}

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const cursorOf = (index: number) => Buffer.from(`cursor:v2:${index}`).toString('base64');

function indexOf(cursor: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) {
    throw gqlError('INVALID_CURSOR_ARGUMENTS', `\`${cursor}\` does not appear to be a valid cursor.`);
  }
  return Number(match[1]);
}

/**
 * A connection over `items` with GitHub's rules: `first` or `last` (at most 100) is required to
 * read nodes, edges or pageInfo, though not for totalCount alone; cursors are opaque; totalCount
 * counts every item.
 */
export function connection<T>(
  items: readonly T[],
  args: PageArgs,
  view: (item: T) => unknown,
  field: string,
): Record<string, unknown> {
  const { first, last, after, before } = args;
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > 100)) {
      throw gqlError(
        'EXCESSIVE_PAGINATION',
        `Requesting ${value} records on the \`${field}\` connection exceeds the \`${name}\` limit of 100 records.`,
      );
    }
  }
  const page = () => {
    if (first == null && last == null) {
      throw gqlError(
        'MISSING_PAGINATION_BOUNDARIES',
        `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`,
      );
    }
    let start = after ? indexOf(after) + 1 : 0;
    let end = before ? Math.min(indexOf(before), items.length) : items.length;
    if (first != null) end = Math.min(end, start + first);
    if (last != null) start = Math.max(start, end - last);
    const indices = Array.from({ length: Math.max(end - start, 0) }, (_, k) => start + k);
    return { start, end, indices };
  };
  return {
    totalCount: items.length,
    nodes: () => page().indices.map((i) => view(items[i] as T)),
    edges: () => page().indices.map((i) => ({ cursor: cursorOf(i), node: view(items[i] as T) })),
    pageInfo: () => {
      const { start, end, indices } = page();
      return {
        hasNextPage: end < items.length,
        hasPreviousPage: start > 0,
        startCursor: indices.length > 0 ? cursorOf(start) : null,
        endCursor: indices.length > 0 ? cursorOf(end - 1) : null,
      };
    },
  };
}
