import { expiryFrom, TokenEndpointError, type UpstreamProvider } from '@refmcp/core/upstream';
import { MissingScopeError, TokenRejectedError } from './slack/errors.js';

/**
 * User scopes asked for when a member links their account: what the read tools, search, posting
 * and reactions need. Tools behind switches that are off never call the methods needing the rest.
 */
export const DEFAULT_USER_SCOPES = [
  'channels:read',
  'channels:history',
  'groups:read',
  'groups:history',
  'users:read',
  'search:read',
  'chat:write',
  'reactions:read',
  'reactions:write',
  'usergroups:read',
];

interface AccessAnswer {
  ok?: unknown;
  error?: unknown;
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  scope?: unknown;
  authed_user?: AccessAnswer;
}

/**
 * Slack's OAuth v2 flow for user tokens: the authorize page on the workspace host (`user_scope`,
 * comma-separated), `oauth.v2.access` on the Web API. A code exchange nests the user's token under
 * `authed_user`; a refresh (token rotation) answers it at the top level.
 */
export function slackProvider(options: {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  scopes?: string[] | undefined;
}): UpstreamProvider {
  const api = new URL(options.apiUrl);
  return {
    id: 'slack',
    title: 'Slack',
    authorizeUrl: new URL('/oauth/v2/authorize', api.origin).href,
    tokenUrl: new URL('oauth.v2.access', api).href,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    defaultScopes: options.scopes ?? DEFAULT_USER_SCOPES,
    scopeParam: 'user_scope',
    scopeSeparator: ',',
    readTokens(body) {
      const answer = (body ?? {}) as AccessAnswer;
      if (answer.ok !== true) {
        throw new TokenEndpointError(
          `Slack refused: ${typeof answer.error === 'string' ? answer.error : 'not ok'}`,
        );
      }
      const user = answer.authed_user ?? answer;
      if (typeof user.access_token !== 'string') throw new TokenEndpointError('Slack sent no user token');
      const expiresAt = expiryFrom(user.expires_in);
      return {
        accessToken: user.access_token,
        ...(typeof user.refresh_token === 'string' && { refreshToken: user.refresh_token }),
        ...(expiresAt !== undefined && { expiresAt }),
        ...(typeof user.scope === 'string' && { scopes: user.scope.split(',').filter(Boolean) }),
      };
    },
    async identify(accessToken, signal) {
      const response = await fetch(new URL('auth.test', api), {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
        signal: signal ?? AbortSignal.timeout(15_000),
      });
      const who = (await response.json()) as { ok?: boolean; user?: unknown; user_id?: unknown };
      if (!who.ok || typeof who.user_id !== 'string')
        throw new TokenEndpointError('Slack did not accept the new token');
      const scopes = (response.headers.get('x-oauth-scopes') ?? '').split(',').filter(Boolean);
      return { login: typeof who.user === 'string' ? `${who.user} (${who.user_id})` : who.user_id, scopes };
    },
    isUnauthorized: (error) => error instanceof TokenRejectedError,
    missingScope: (error) => (error instanceof MissingScopeError ? error.scope : undefined),
  };
}
