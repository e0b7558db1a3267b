import { expiryFrom, TokenEndpointError, type UpstreamProvider } from '@refmcp/core/upstream';
import { DEFAULT_SCOPES } from './upstream-scopes.js';

/**
 * Where GitHub's OAuth web flow runs for an API URL: github.com's flow for api.github.com (and
 * api.<tenant>.ghe.com), the host itself for Enterprise Server (`/api/v3` stripped) or any other
 * origin (a local fake).
 */
export function webUrlFor(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  if (url.hostname.startsWith('api.') && url.hostname.endsWith('.ghe.com')) {
    return `${url.protocol}//${url.hostname.slice(4)}`;
  }
  return url.origin;
}

interface TokenAnswer {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  scope?: unknown;
  error?: unknown;
}

export function githubProvider(options: {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  scopes?: string[] | undefined;
}): UpstreamProvider {
  const web = webUrlFor(options.apiUrl);
  return {
    id: 'github',
    title: 'GitHub',
    authorizeUrl: `${web}/login/oauth/authorize`,
    tokenUrl: `${web}/login/oauth/access_token`,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    defaultScopes: options.scopes ?? DEFAULT_SCOPES,
    readTokens(body) {
      const answer = (body ?? {}) as TokenAnswer;
      // GitHub refuses with a 200 whose body names the error.
      if (typeof answer.access_token !== 'string') {
        throw new TokenEndpointError(
          `GitHub refused: ${typeof answer.error === 'string' ? answer.error : 'no token'}`,
        );
      }
      const expiresAt = expiryFrom(answer.expires_in);
      return {
        accessToken: answer.access_token,
        ...(typeof answer.refresh_token === 'string' && { refreshToken: answer.refresh_token }),
        ...(expiresAt !== undefined && { expiresAt }),
        ...(typeof answer.scope === 'string' && { scopes: answer.scope.split(/[\s,]+/).filter(Boolean) }),
      };
    },
    async identify(accessToken, signal) {
      const response = await fetch(`${options.apiUrl}/user`, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/vnd.github+json' },
        signal: signal ?? AbortSignal.timeout(15_000),
      });
      if (!response.ok) throw new TokenEndpointError(`GitHub answered ${response.status} for the new token`);
      const user = (await response.json()) as { login?: unknown };
      if (typeof user.login !== 'string')
        throw new TokenEndpointError('GitHub named no login for the new token');
      // Classic scopes are reported on every answer; fine-grained tokens have none to report.
      const scopes = (response.headers.get('x-oauth-scopes') ?? '').split(/[\s,]+/).filter(Boolean);
      return { login: user.login, scopes };
    },
    isUnauthorized: (error) =>
      error instanceof Error && error.name === 'HttpError' && (error as { status?: unknown }).status === 401,
  };
}
