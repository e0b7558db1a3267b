import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import type { Adapter, AdapterPayload } from 'oidc-provider';

export interface TestAuthorizationServer {
  /** The issuer, e.g. `http://127.0.0.1:41234`: pass it as `--oauth-issuer`. */
  issuer: string;
  /** Its signing keys: pass it as `--oauth-jwks-url`. */
  jwksUrl: string;
  /**
   * The resource scopes the signed-in user grants at consent; the others asked for are refused
   * there, so a client that asks for more gets a token without them. Change it between flows.
   */
  consents: Set<string>;
  /** Who signs in at the next login; change it to sign another user in. */
  account: string;
  close(): Promise<void>;
}

export interface AuthorizationServerOptions {
  /** The one protected resource (our MCP URL): tokens are issued with it as their audience. */
  resource: string;
  /** The resource's scopes, e.g. `['mcp:read', 'mcp:write']`. */
  scopes: string[];
  /** Who signs in at the login page. */
  account?: string;
  /** Scopes granted at consent at first; default: all of `scopes`. */
  consents?: Iterable<string>;
}

/**
 * A real authorization server on loopback: oidc-provider (an OpenID-certified OAuth 2.x server),
 * with dynamic client registration, PKCE required, and resource indicators (RFC 8707) issuing
 * `at+jwt` access tokens (RFC 9068) for `resource`. Login and consent pages answer at once:
 * `account` signs in and grants what `consents` holds.
 *
 * oidc-provider is an optional peer dependency, loaded only here.
 */
export async function startAuthorizationServer(
  options: AuthorizationServerOptions,
): Promise<TestAuthorizationServer> {
  const Provider = await loadProvider();
  const { resource, scopes } = options;
  const consents = new Set(options.consents ?? scopes);
  const signIn = { account: options.account ?? 'alice' };
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-as-1', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['test-as-cookie-key'] },
    ttl: { AccessToken: 300, RefreshToken: 3600, Grant: 3600, Interaction: 300, Session: 3600 },
    findAccount: (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId }) }),
    // Listed so that registration accepts them; they are granted as resource scopes at consent.
    scopes: ['openid', 'offline_access', ...scopes],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new Error(`unknown resource ${indicator}`);
          return {
            scope: scopes.join(' '),
            audience: resource,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 300,
          };
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    try {
      const { prompt, params, session } = await provider.interactionDetails(req, res);
      if (prompt.name === 'login') {
        const login = { login: { accountId: signIn.account } };
        return await provider.interactionFinished(req, res, login, { mergeWithLastSubmission: false });
      }
      // Consent: a fresh grant per authorization, resource scopes as `consents` says.
      const grant = new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) });
      const requested = String(params.scope ?? '')
        .split(' ')
        .filter(Boolean);
      const oidc = requested.filter((s) => s === 'openid' || s === 'offline_access');
      if (oidc.length > 0) grant.addOIDCScope(oidc.join(' '));
      const asked = requested.filter((s) => scopes.includes(s));
      const yes = asked.filter((s) => consents.has(s));
      const no = asked.filter((s) => !consents.has(s));
      if (yes.length > 0) grant.addResourceScope(resource, yes.join(' '));
      if (no.length > 0) grant.rejectResourceScope(resource, no.join(' '));
      if (asked.length > 0) grant.rejectOIDCScope(asked.join(' '));
      const consent = { consent: { grantId: await grant.save() } };
      return await provider.interactionFinished(req, res, consent, { mergeWithLastSubmission: true });
    } catch (error) {
      res.statusCode = 400;
      res.end(error instanceof Error ? error.message : String(error));
    }
  });
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    consents,
    get account() {
      return signIn.account;
    },
    set account(account: string) {
      signIn.account = account;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * oidc-provider's store, in memory for this one server. Its built-in one is the same, but it
 * warns on stderr that it is for development, which is exactly this server's use.
 */
function memoryAdapter(): (model: string) => Adapter {
  const rows = new Map<string, AdapterPayload>();
  return (model) => {
    const key = (id: string) => `${model}:${id}`;
    const findBy = async (field: 'userCode' | 'uid', value: string) =>
      [...rows].find(([k, row]) => k.startsWith(`${model}:`) && row[field] === value)?.[1];
    return {
      upsert: async (id, payload) => void rows.set(key(id), payload),
      find: async (id) => rows.get(key(id)),
      findByUserCode: (userCode) => findBy('userCode', userCode),
      findByUid: (uid) => findBy('uid', uid),
      consume: async (id) => {
        const row = rows.get(key(id));
        if (row) row.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => void rows.delete(key(id)),
      revokeByGrantId: async (grantId) => {
        for (const [k, row] of rows) if (row.grantId === grantId) rows.delete(k);
      },
    };
  };
}

async function loadProvider(): Promise<typeof import('oidc-provider').default> {
  try {
    return (await import('oidc-provider')).default;
  } catch (error) {
    throw new Error(
      `startAuthorizationServer needs oidc-provider: npm install --save-dev oidc-provider (${String(error)})`,
    );
  }
}
