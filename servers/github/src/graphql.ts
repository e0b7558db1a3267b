import {
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  type ToolError,
  UpstreamError,
} from '@refmcp/core';
import * as z from 'zod';
import type { GitHubContext } from './deps.js';

/**
 * GitHub's GraphQL API, for what REST cannot do (discussions, review threads, pending reviews).
 * Queries go through the app's one Octokit (`octokit.graphql`), so the token, the host (GitHub
 * Enterprise Server's /api/graphql included), the request slots, rate-limit waits, retries and
 * the response byte cap are those of every REST call. Octokit's throttling spaces GraphQL
 * requests like writes (--request-spacing), as GitHub asks of clients.
 */
export function graphql<T>(
  ctx: GitHubContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  return ctx.deps.gh.graphql<T>(query, { ...variables, request: { signal: ctx.signal } });
}

/** Cursor paging, as github-mcp-server's GraphQL tools take it. */
export const cursorPaging = {
  perPage: z.number().min(1).max(100).optional().describe('Default 30'),
  after: z.string().optional().describe('endCursor of the previous page'),
};

export const pageInfo = z.object({
  hasNextPage: z.boolean(),
  hasPreviousPage: z.boolean(),
  startCursor: z.string().nullable(),
  endCursor: z.string().nullable().describe('Pass as `after` for the next page'),
});

/** The PageInfo fields every paged query selects. */
export const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

interface GraphqlErrorItem {
  type?: string;
  message?: string;
}

/**
 * GraphQL errors arrive in a 200 answer: Octokit throws them as a GraphqlResponseError, or, for a
 * RATE_LIMITED answer its throttling did not wait out, as an error carrying the answer.
 */
function errorsIn(error: unknown): GraphqlErrorItem[] | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & { errors?: unknown; data?: { errors?: unknown } };
  // The throttling plugin's error for a RATE_LIMITED answer (11.x) has no other mark than this.
  const throttled = e.message === 'GraphQL Rate Limit Exceeded';
  const list = e.name === 'GraphqlResponseError' ? e.errors : throttled ? e.data?.errors : undefined;
  const items = Array.isArray(list)
    ? list.filter((item): item is GraphqlErrorItem => typeof item === 'object' && item !== null)
    : [];
  return items.length > 0 ? items : undefined;
}

/** GitHub's GraphQL error types as errors a model can act on; undefined for anything else. */
export function mapGraphqlError(error: unknown): ToolError | undefined {
  const errors = errorsIn(error);
  if (!errors) return undefined;
  const message = [...new Set(errors.map((e) => e.message ?? 'unknown error'))].join('; ');
  const types = new Set(errors.map((e) => e.type));
  if (types.has('RATE_LIMITED')) {
    const headers =
      (error as { headers?: Record<string, string>; response?: { headers?: Record<string, string> } })
        .response?.headers ?? (error as { headers?: Record<string, string> }).headers;
    const reset = Number(headers?.['x-ratelimit-reset'] ?? 0);
    const wait = Math.max(Math.ceil(reset - Date.now() / 1000), 0);
    return new UpstreamError(`GitHub's GraphQL rate limit is used up: ${message}`, {
      retryAfterSeconds: wait,
      hint: `Wait about ${wait} seconds before calling GitHub again, or tell the user.`,
    });
  }
  if (types.has('NOT_FOUND')) {
    return new NotFoundError(`GitHub: ${message}`, {
      hint: 'Check the owner, repository, number or id. Private resources the token cannot see are not found either.',
    });
  }
  if (types.has('INSUFFICIENT_SCOPES')) {
    // GitHub's message names the scopes the field accepts and those the token has.
    return new PermissionDeniedError(`GitHub refused: ${message}`, {
      hint: 'The token lacks a scope named above: ask the user for a token with it.',
    });
  }
  if (types.has('FORBIDDEN')) {
    return new PermissionDeniedError(`GitHub refused: ${message}`, {
      hint: 'The token cannot do this here: check its scopes and the repository permissions.',
    });
  }
  if (errors.every((e) => e.type === undefined)) {
    // No type: GitHub refused the query itself (a field it does not have), which only an older
    // Enterprise Server or a bug in this server causes.
    return new UpstreamError(`GitHub refused the query this server sent: ${message}`, {
      hint: 'Tell the user: the GitHub host may be an Enterprise Server version without this feature.',
    });
  }
  return new InvalidInputError(`GitHub rejected the request: ${message}`);
}
