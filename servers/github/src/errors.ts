import {
  type AnyTool,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  ToolError,
  UpstreamError,
} from '@refmcp/core';
import { formatBytes, tooLargeIn } from '@refmcp/core/upstream';
import { mapGraphqlError } from './graphql.js';
import { grantedScopes } from './scopes.js';

/**
 * GitHub's answers as errors a model can act on. Octokit throws a RequestError with the status,
 * the response headers and GitHub's JSON error body; everything the model reads comes from there.
 * GraphQL errors, which arrive in 200 answers, are mapped by graphql.ts.
 */

interface GitHubErrorBody {
  message?: string;
  errors?: Array<string | { resource?: string; field?: string; code?: string; message?: string }>;
}

interface RequestErrorLike {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

const isRequestError = (e: unknown): e is RequestErrorLike =>
  e instanceof Error && e.name === 'HttpError' && typeof (e as { status?: unknown }).status === 'number';

function details(body: GitHubErrorBody): string {
  const parts = (body.errors ?? []).map((e) => {
    if (typeof e === 'string') return e;
    if (e.message) return e.message;
    return [e.resource, e.field, e.code].filter(Boolean).join(' ');
  });
  return parts.length > 0 ? `: ${parts.join('; ')}` : '';
}

const scopeList = (header: string | undefined) =>
  (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The scopes GitHub would have accepted (`X-Accepted-OAuth-Scopes`) when a classic token (which
 * reports `X-OAuth-Scopes`) has none of them, joined with "or"; undefined otherwise. Fine-grained
 * tokens send no scopes, so nothing is claimed about them.
 */
function missingScope(headers: Record<string, string | undefined>): string | undefined {
  const accepted = scopeList(headers['x-accepted-oauth-scopes']);
  const reported = headers['x-oauth-scopes'];
  if (accepted.length === 0 || reported === undefined) return undefined;
  const granted = grantedScopes(scopeList(reported));
  return accepted.some((s) => granted.has(s)) ? undefined : accepted.join(' or ');
}

const resetTime = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

/**
 * `what` names the call in messages: the tool, or the resource read.
 */
export function mapGitHubError(error: unknown, apiUrl: string, what = 'this request'): unknown {
  if (error instanceof ToolError) return error;
  const tooLarge = tooLargeIn(error);
  if (tooLarge) {
    return new UpstreamError(
      `GitHub answered more than ${formatBytes(tooLarge.limitBytes)} for ${what}; narrow the request (perPage, filters) or raise --max-response-bytes.`,
      {
        hint: 'Ask for fewer items or a narrower query. The limit is set by whoever runs this server (--max-response-bytes, GITHUB_MAX_RESPONSE_BYTES).',
      },
    );
  }
  const graphqlError = mapGraphqlError(error);
  if (graphqlError) return graphqlError;
  if (!isRequestError(error)) return error;
  const headers = error.response?.headers ?? {};
  const body = (typeof error.response?.data === 'object' ? error.response.data : {}) as GitHubErrorBody;
  const message = body.message ?? error.message;
  const status = error.status;

  if (status === 401) {
    return new PermissionDeniedError('GitHub rejected the token (401 Bad credentials).', {
      hint: 'The token is missing, expired or revoked: ask the user to set a valid GITHUB_PERSONAL_ACCESS_TOKEN.',
    });
  }
  if ((status === 403 || status === 429) && headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset'] ?? 0);
    const wait = Math.max(Math.ceil(reset - Date.now() / 1000), 0);
    return new UpstreamError(`GitHub's rate limit is used up; it resets at ${resetTime(reset)}.`, {
      status,
      retryAfterSeconds: wait,
      hint: `Wait about ${wait} seconds before calling GitHub again, or tell the user.`,
    });
  }
  if (status === 429 || (status === 403 && /secondary rate limit/i.test(message))) {
    const wait = Number(headers['retry-after'] ?? 60);
    return new UpstreamError(`GitHub's secondary rate limit refused the request: ${message}`, {
      status,
      retryAfterSeconds: wait,
      hint: `Wait ${wait} seconds and make fewer requests at once.`,
    });
  }
  const missing = missingScope(headers);
  if (status === 403) {
    return new PermissionDeniedError(`GitHub refused the request: ${message}`, {
      hint: missing
        ? `The token lacks the ${missing} scope; ask the user for a token with it.`
        : 'The token cannot do this here: check its scopes and the repository permissions.',
    });
  }
  if (status === 404 && missing) {
    // GitHub hides private resources from a token without the scope behind a 404.
    return new NotFoundError(`GitHub answered 404 ${message}: the token lacks the ${missing} scope.`, {
      hint: `If the resource is private, the token needs the ${missing} scope: ask the user for a token with it. Otherwise check the owner, repository, path, ref or number.`,
    });
  }
  if (status === 404) {
    return new NotFoundError(`GitHub answered 404 ${message}.`, {
      hint: 'Check the owner, repository, path, ref or number. Private resources the token cannot see also answer 404.',
    });
  }
  if (status === 409)
    return new InvalidInputError(`Conflict: ${message}`, {
      hint: 'Fetch the latest state (e.g. the file sha) and retry.',
    });
  if (status === 422 || status === 400)
    return new InvalidInputError(`GitHub rejected the request: ${message}${details(body)}`);
  if (status === 405) return new InvalidInputError(`GitHub refused: ${message}`);
  if (status >= 500 && status < 600 && !body.message) {
    return new UpstreamError(`Cannot reach GitHub at ${apiUrl}: ${error.message}`, { status });
  }
  return new UpstreamError(`GitHub answered ${status}: ${message}`, { status });
}

/**
 * Tools are typed against GitHub's documented answers, so reading a field that is not there (or
 * calling a list method on something that is not a list) means the answer was not what GitHub
 * documents: a proxy, an old Enterprise Server, or a hostile upstream. Said so, not reported as
 * an internal error.
 */
const SHAPE_ERROR =
  /Cannot read properties of (undefined|null)|is not (a function|iterable)|Cannot convert undefined or null/;

function shapeError(error: unknown, tool: string): unknown {
  if (!(error instanceof TypeError) || !SHAPE_ERROR.test(error.message)) return error;
  return new UpstreamError(
    `GitHub's answer for ${tool} was not in the documented shape (${error.message}).`,
    {
      cause: error,
      hint: 'Try again; if it persists, tell the user: the GitHub host or a proxy in front of it answers differently from GitHub.',
    },
  );
}

/** Every GitHub failure leaves a tool as an actionable error (401 token, 403 scope, 404, 422, limits). */
export function withGitHubErrors<Deps>(tool: AnyTool<Deps>, apiUrl: string): AnyTool<Deps> {
  const shaped = (error: unknown) => shapeError(mapGitHubError(error, apiUrl, tool.name), tool.name);
  const { confirm } = tool;
  return {
    ...tool,
    // Working out what to ask the user may call GitHub too: its failures read the same way.
    ...(confirm && {
      confirm: async (input: unknown, ctx: Parameters<typeof confirm>[1]) => {
        try {
          return await confirm(input, ctx);
        } catch (error) {
          throw shaped(error);
        }
      },
    }),
    handler: async (input, ctx) => {
      try {
        return await tool.handler(input, ctx);
      } catch (error) {
        throw shaped(error);
      }
    },
  };
}
