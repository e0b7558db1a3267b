import { createRedactor, type Logger } from '@refmcp/core';

/** Long enough for a slow Enterprise Server, short enough not to hold up a host starting the server. */
export const SCOPE_PROBE_TIMEOUT_MS = 5000;

export interface ScopeProbe {
  apiUrl: string;
  token: string;
  logger: Logger;
  version: string;
  timeoutMs?: number;
}

/**
 * The token's classic scopes, from one `GET /user` at start-up (the `X-OAuth-Scopes` header), or
 * undefined when there are none to know: a fine-grained or GitHub App token (no header), or no
 * answer (network down, token refused, timeout). Undefined hides nothing; the first tool call
 * then reports what is wrong. Never throws: start-up must not depend on the network.
 */
export async function fetchTokenScopes(probe: ScopeProbe): Promise<string[] | undefined> {
  // Security: the token travels in a header only; redacted anyway, in case an error echoes it.
  const logger = probe.logger.withRedaction(createRedactor([probe.token]));
  try {
    const res = await fetch(`${probe.apiUrl}/user`, {
      headers: {
        authorization: `token ${probe.token}`,
        accept: 'application/vnd.github+json',
        'user-agent': `refmcp-github/${probe.version}`,
        'x-github-api-version': '2022-11-28',
      },
      signal: AbortSignal.timeout(probe.timeoutMs ?? SCOPE_PROBE_TIMEOUT_MS),
    });
    // Only the headers are needed; the body (the user) is not read.
    await res.body?.cancel();
    if (!res.ok) {
      logger.warn('token scopes unknown: every tool is offered', { status: res.status });
      return undefined;
    }
    const header = res.headers.get('x-oauth-scopes');
    if (header === null) {
      logger.info('fine-grained or app token: no scopes to check, every tool is offered');
      return undefined;
    }
    const scopes = header
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    logger.info('classic token scopes', { scopes });
    return scopes;
  } catch (error) {
    logger.warn('token scopes unknown: every tool is offered', { error: (error as Error).message });
    return undefined;
  }
}
