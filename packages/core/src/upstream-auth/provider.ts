/**
 * One upstream OAuth provider (GitHub, Slack): where its authorization-code flow runs and how its
 * answers read. The token endpoint is called here with `fetch` rather than through a generic OAuth
 * client library because neither provider answers in the standard shape: GitHub reports errors
 * in a 200 answer and Slack nests a user's token under `authed_user` beside `ok: false` errors.
 */
export interface UpstreamTokens {
  accessToken: string;
  refreshToken?: string;
  /** Milliseconds since the epoch; absent for tokens that do not expire. */
  expiresAt?: number;
  /** Scopes granted, when the token endpoint says. */
  scopes?: string[];
}

export interface UpstreamAccount {
  /** The account name shown to the user and recorded in the audit log (a GitHub login). */
  login: string;
  /** Scopes the token carries, as the upstream reports them. */
  scopes: string[];
}

export interface UpstreamProvider {
  /** Path segment of the connect page, `/connect/<id>`, and the store's provider key. */
  id: string;
  /** Shown on pages and in messages: "GitHub". */
  title: string;
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Requested when a user links; a step-up adds the missing ones. */
  defaultScopes: readonly string[];
  /** The authorize parameter that carries the scopes (`scope`; Slack's user tokens: `user_scope`). */
  scopeParam?: string;
  /** How scopes are joined in that parameter (GitHub: space; Slack: comma). */
  scopeSeparator?: string;
  /** Reads the token endpoint's JSON answer; throws with the provider's reason when it refused. */
  readTokens(body: unknown): UpstreamTokens;
  /** Who the token belongs to and what it may do (one upstream call). */
  identify(accessToken: string, signal?: AbortSignal): Promise<UpstreamAccount>;
  /** True when an error from a tool call means the upstream no longer accepts the token. */
  isUnauthorized(error: unknown): boolean;
  /**
   * The scope an error says the token lacks, for upstreams that name it in the answer (Slack's
   * `missing_scope`): the call then asks the user to step up instead of failing.
   */
  missingScope?(error: unknown): string | undefined;
}

/** A token endpoint's refusal, with the provider's reason code only (never the request). */
export class TokenEndpointError extends Error {}

/** Calls the token endpoint with a form body, as RFC 6749 §4.1.3 and both providers expect. */
export async function requestTokens(
  provider: UpstreamProvider,
  params: Record<string, string>,
  signal?: AbortSignal,
): Promise<UpstreamTokens> {
  const body = new URLSearchParams({
    client_id: provider.clientId,
    client_secret: provider.clientSecret,
    ...params,
  });
  const response = await fetch(provider.tokenUrl, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body,
    signal: signal ?? AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TokenEndpointError(`${provider.title}'s token endpoint answered ${response.status}, not JSON`);
  }
  if (!response.ok) {
    const reason = (json as { error?: unknown })?.error;
    throw new TokenEndpointError(
      `${provider.title}'s token endpoint answered ${response.status}${typeof reason === 'string' ? ` (${reason})` : ''}`,
    );
  }
  return provider.readTokens(json);
}

/** `expires_in` seconds from now, as an absolute time; undefined when absent. */
export function expiryFrom(expiresIn: unknown, now = Date.now()): number | undefined {
  return typeof expiresIn === 'number' && expiresIn > 0 ? now + expiresIn * 1000 : undefined;
}
