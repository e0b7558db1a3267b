import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Client,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  type StoredOAuthClientInformation,
  type StoredOAuthTokens,
  StreamableHTTPClientTransport,
  UnauthorizedError,
} from '@modelcontextprotocol/client';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { createLogger } from './logger.js';
import { createOAuthResourceServer, type OAuthResourceServer } from './oauth.js';
import { clientOptionsFor, type TestEra } from './testing/era.js';
import { startHttpForTest, type TestHttpServer } from './testing/index.js';
import { defineTool } from './tool.js';

// A real authorization server (oidc-provider) on loopback, our resource-server mode in front of
// a two-tool app, and the SDK client's own OAuth support in between: discovery (RFC 9728, 8414),
// dynamic client registration, the authorization-code flow with PKCE and resource indicators
// (RFC 8707), then a step-up from the read scope to the write scope.

const READ = 'tools:read';
const WRITE = 'tools:write';
const REDIRECT = 'http://localhost:5173/callback';
const local = { destructiveHint: false, idempotentHint: true, openWorldHint: false };
const tool = (name: string, readOnlyHint: boolean) =>
  defineTool({
    name,
    title: name,
    description: name,
    inputSchema: z.object({}),
    outputSchema: z.object({ done: z.string() }),
    annotations: { ...local, readOnlyHint },
    handler: async () => ({ done: name }),
  });
const app = createMcpApp({
  name: 'oauth-e2e',
  version: '0',
  tools: [tool('read_note', true), tool('write_note', false)],
  deps: () => undefined,
  logger: createLogger({ name: 'oauth-e2e', level: 'silent' }),
});

let asServer: Server;
let issuer: string;
let mcp: TestHttpServer;
let resource: string;
let rs: OAuthResourceServer | undefined;
/** The scopes the signed-in user agrees to give the client; the rest are refused at consent. */
const userConsents = new Set([READ]);
/** What our resource server refused, as the client saw it. */
const refusals: Array<{ status: number; challenge: string }> = [];

beforeAll(async () => {
  mcp = await startHttpForTest(app, {
    authenticate: async (request) => {
      const outcome = await (rs as OAuthResourceServer).authenticate(request);
      if (outcome instanceof Response) {
        refusals.push({ status: outcome.status, challenge: outcome.headers.get('www-authenticate') ?? '' });
      }
      return outcome;
    },
    routes: (request, url) => rs?.routes(request, url),
    serve: { allowTool: (t, request) => (rs as OAuthResourceServer).allowTool(t, request) },
  });
  resource = mcp.url.href;

  asServer = createServer();
  await new Promise<void>((resolve) => asServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(asServer.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'as-1', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['e2e-cookie-key'] },
    ttl: { AccessToken: 300, RefreshToken: 3600, Grant: 3600, Interaction: 300, Session: 3600 },
    findAccount: (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId }) }),
    // Listed so that registration accepts them; they are granted as resource scopes below.
    scopes: ['openid', 'offline_access', READ, WRITE],
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
            scope: `${READ} ${WRITE}`,
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
  asServer.on('request', async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    const { prompt, params, session } = await provider.interactionDetails(req, res);
    if (prompt.name === 'login') {
      // The login page: alice signs in.
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: 'alice' } },
        { mergeWithLastSubmission: false },
      );
    }
    // The consent page, answered by `userConsents`: a fresh grant per authorization.
    const grant = new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) });
    const requested = String(params.scope ?? '')
      .split(' ')
      .filter(Boolean);
    const oidc = requested.filter((s) => s === 'openid' || s === 'offline_access');
    if (oidc.length > 0) grant.addOIDCScope(oidc.join(' '));
    const asked = requested.filter((s) => s.startsWith('tools:'));
    const yes = asked.filter((s) => userConsents.has(s));
    const no = asked.filter((s) => !userConsents.has(s));
    if (yes.length > 0) grant.addResourceScope(resource, yes.join(' '));
    if (no.length > 0) grant.rejectResourceScope(resource, no.join(' '));
    if (asked.length > 0) grant.rejectOIDCScope(asked.join(' '));
    const grantId = await grant.save();
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  });

  rs = createOAuthResourceServer({
    issuer,
    jwksUrl: `${issuer}/jwks`,
    resourceUrl: resource,
    readScope: READ,
    writeScope: WRITE,
    requireTyp: 'at+jwt',
    tools: app.tools,
    resourceName: 'e2e',
  });
});

afterAll(async () => {
  await mcp?.close();
  asServer?.closeAllConnections();
  await new Promise((resolve) => asServer?.close(resolve));
});

/**
 * A browser: follows the authorization server's redirects with its cookies until it lands on the
 * client's redirect URI, and returns that URI's query (code, state, iss).
 */
const cookies = new Map<string, string>();
async function browse(start: URL): Promise<URLSearchParams> {
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    if (url.href.startsWith(REDIRECT)) return url.searchParams;
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the authorization server stopped at ${res.status}: ${await res.text()}`);
    await res.body?.cancel();
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
}

/** The SDK's OAuthClientProvider, kept in memory; the "redirect" runs the browser above. */
class TestOAuthClient implements OAuthClientProvider {
  info: StoredOAuthClientInformation | undefined;
  saved: StoredOAuthTokens | undefined;
  verifier = '';
  callback: URLSearchParams | undefined;
  authorizationUrls: URL[] = [];
  get redirectUrl() {
    return REDIRECT;
  }
  get clientMetadata() {
    return {
      client_name: 'e2e client',
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: StoredOAuthClientInformation) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: StoredOAuthTokens) {
    this.saved = tokens;
  }
  async redirectToAuthorization(url: URL) {
    this.authorizationUrls.push(url);
    this.callback = await browse(url);
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
  discovery: OAuthDiscoveryState | undefined;
  saveDiscoveryState(state: OAuthDiscoveryState) {
    this.discovery = state;
  }
  discoveryState() {
    return this.discovery;
  }
}

const connect = async (provider: TestOAuthClient, era: TestEra = 'modern') => {
  const transport = new StreamableHTTPClientTransport(mcp.url, { authProvider: provider });
  const client = new Client({ name: 'e2e', version: '0' }, clientOptionsFor(era));
  await client.connect(transport);
  return { client, transport };
};

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());

describe.each(['modern', 'legacy'] as const)(
  'OAuth end to end: oidc-provider, our resource server, the SDK client (%s era)',
  (era) => {
    it('discovers, registers, authorizes with PKCE for the read scope, is refused the write tool, steps up and writes', async () => {
      const provider = new TestOAuthClient();
      userConsents.delete(WRITE);
      refusals.length = 0;

      // 1. No token: 401 → RFC 9728 metadata → AS metadata → registration → authorization (browser).
      await expect(connect(provider)).rejects.toBeInstanceOf(UnauthorizedError);
      expect(refusals[0]?.status).toBe(401);
      expect(refusals[0]?.challenge).toContain('resource_metadata=');
      expect(provider.info?.client_id).toBeTruthy();
      const first = provider.authorizationUrls[0];
      expect(first?.origin).toBe(issuer);
      expect(first?.searchParams.get('code_challenge_method')).toBe('S256');
      expect(first?.searchParams.get('resource')).toBe(resource);
      const callback = provider.callback as URLSearchParams;
      expect(callback.get('code')).toBeTruthy();

      // 2. The code for a token; the user consented to reading only.
      const pending = new StreamableHTTPClientTransport(mcp.url, { authProvider: provider });
      await pending.finishAuth(callback);
      const readToken = provider.saved?.access_token ?? '';
      expect(claimsOf(readToken)).toMatchObject({ aud: resource, iss: issuer, scope: READ, sub: 'alice' });
      // Our server requires at+jwt: this passes only because oidc-provider marks its access tokens so.
      expect(JSON.parse(Buffer.from(readToken.split('.')[0] ?? '', 'base64url').toString()).typ).toBe(
        'at+jwt',
      );

      const { client, transport } = await connect(provider, era);
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['read_note']);
      expect((await client.callTool({ name: 'read_note', arguments: {} })).structuredContent).toEqual({
        done: 'read_note',
      });

      // 3. The write tool: 403 insufficient_scope → the SDK re-authorizes for read + write.
      userConsents.add(WRITE);
      refusals.length = 0;
      await expect(client.callTool({ name: 'write_note', arguments: {} })).rejects.toBeInstanceOf(
        UnauthorizedError,
      );
      expect(refusals).toHaveLength(1);
      expect(refusals[0]?.status).toBe(403);
      expect(refusals[0]?.challenge).toMatch(/error="insufficient_scope"/);
      expect(refusals[0]?.challenge).toContain(`scope="${WRITE}"`);
      expect(provider.authorizationUrls).toHaveLength(2);
      const stepUp = provider.authorizationUrls[1];
      expect(stepUp?.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining([READ, WRITE]));
      expect(stepUp?.searchParams.get('client_id')).toBe(provider.info?.client_id);
      await transport.finishAuth(provider.callback as URLSearchParams);
      expect(
        claimsOf(provider.saved?.access_token ?? '')
          .scope.split(' ')
          .sort(),
      ).toEqual([READ, WRITE]);

      // 4. Stepped up. A 2026-07-28 client writes on; a 2025-11-25 session was bound to the read
      // grant (its tool list was fixed by it), so that client starts a new session, which writes.
      let writer = client;
      if (era === 'legacy') {
        await expect(client.callTool({ name: 'write_note', arguments: {} })).rejects.toThrow(
          /Session not found/,
        );
        await client.close();
        writer = (await connect(provider, era)).client;
        expect((await writer.listTools()).tools.map((t) => t.name)).toEqual(['read_note', 'write_note']);
      }
      expect((await writer.callTool({ name: 'write_note', arguments: {} })).structuredContent).toEqual({
        done: 'write_note',
      });
      await writer.close();
    });
  },
);
