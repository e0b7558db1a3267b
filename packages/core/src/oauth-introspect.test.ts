import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { createLogger } from './logger.js';
import { createOAuthResourceServer, type OAuthIntrospectionOptions } from './oauth.js';
import { createIntrospector } from './oauth-introspect.js';
import { callTool, postJsonRpc, startHttpForTest, type TestHttpServer } from './testing/index.js';
import { defineTool } from './tool.js';

const ISSUER = 'https://auth.example.com';
const RESOURCE = 'https://mcp.example.com/mcp';
const CLIENT_ID = 'mcp-resource-server';
const CLIENT_SECRET = 'rs-secret: with spaces & symbols';
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

const tool = (name: string, readOnlyHint: boolean) =>
  defineTool({
    name,
    title: name,
    description: name,
    inputSchema: z.object({}),
    outputSchema: z.object({ ok: z.boolean() }),
    annotations: { ...READ_ONLY, readOnlyHint },
    handler: async () => ({ ok: true }),
  });

const app = createMcpApp({
  name: 'introspect-test',
  version: '0',
  tools: [tool('look', true), tool('change', false)],
  deps: () => undefined,
  logger: createLogger({ name: 'introspect-test', level: 'silent' }),
});

/** A real RFC 7662 endpoint on loopback: answers from `answers`, counts and records every call. */
const answers = new Map<string, Record<string, unknown>>();
const calls: Array<{ authorization: string | undefined; form: URLSearchParams }> = [];
let failWith: number | undefined;
let endpoint: Server;
let introspectionUrl: string;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

const logLines: string[] = [];
const logger = createLogger({ name: 'rs', level: 'debug', write: (line) => logLines.push(line) });

async function startResourceServer(introspection: Partial<OAuthIntrospectionOptions> = {}, jwksUrl?: string) {
  const oauth = createOAuthResourceServer({
    issuer: ISSUER,
    resourceUrl: RESOURCE,
    tools: app.tools,
    logger,
    ...(jwksUrl && { jwksUrl }),
    introspection: {
      url: introspectionUrl,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      ...introspection,
    },
  });
  return startHttpForTest(app, {
    authenticate: oauth.authenticate,
    routes: oauth.routes,
    serve: { allowTool: oauth.allowTool },
  });
}

let server: TestHttpServer;
let counter = 0;
/** A fresh opaque token the endpoint knows, with the given answer. */
function opaque(answer: Record<string, unknown> = {}): string {
  const token = `opaque-${++counter}-${Math.random().toString(36).slice(2)}`;
  const now = Math.floor(Date.now() / 1000);
  answers.set(token, {
    active: true,
    scope: 'mcp:read',
    client_id: 'desktop-app',
    sub: 'alice',
    aud: RESOURCE,
    iss: ISSUER,
    exp: now + 300,
    token_type: 'Bearer',
    ...answer,
  });
  return token;
}

beforeAll(async () => {
  endpoint = createServer(async (req, res) => {
    const form = await readForm(req);
    calls.push({ authorization: req.headers.authorization, form });
    if (failWith) return void res.writeHead(failWith).end(`no ${form.get('token')}`);
    const answer = answers.get(form.get('token') ?? '') ?? { active: false };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  introspectionUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/introspect`;
  server = await startResourceServer();
});

beforeEach(() => {
  failWith = undefined;
});

afterAll(async () => {
  await server.close();
  await new Promise((resolve) => endpoint.close(resolve));
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
};
const callsFor = (token: string) => calls.filter((call) => call.form.get('token') === token).length;
const challenge = (res: Response) => res.headers.get('www-authenticate') ?? '';

describe('OAuth resource server: opaque tokens through introspection (RFC 7662)', () => {
  it('introspects with client_secret_basic and maps the answer onto scopes and tools', async () => {
    const token = opaque();
    const client = await server.connect('modern', { headers: bearer(token) });
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['look']);
    expect((await callTool(client, 'look')).structured).toEqual({ ok: true });
    await expect(client.callTool({ name: 'change', arguments: {} })).rejects.toThrow(/insufficient scope/i);

    const call = calls.find((c) => c.form.get('token') === token);
    expect(call?.form.get('token_type_hint')).toBe('access_token');
    const [scheme, encoded] = (call?.authorization ?? '').split(' ');
    expect(scheme).toBe('Basic');
    const [id, secret] = Buffer.from(encoded ?? '', 'base64')
      .toString()
      .split(':');
    expect(decodeURIComponent((id ?? '').replace(/\+/g, ' '))).toBe(CLIENT_ID);
    expect(decodeURIComponent((secret ?? '').replace(/\+/g, ' '))).toBe(CLIENT_SECRET);

    const writer = await server.connect('modern', { headers: bearer(opaque({ scope: 'mcp:write' })) });
    expect((await callTool(writer, 'change')).structured).toEqual({ ok: true });
  });

  it('costs one introspection for a burst of calls with one token, concurrent ones included', async () => {
    const token = opaque();
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => postJsonRpc(server.url, initialize, bearer(token))),
    );
    expect(burst.map((res) => res.status)).toEqual(Array(8).fill(200));
    await Promise.all(burst.map((res) => res.text()));
    expect((await postJsonRpc(server.url, initialize, bearer(token))).status).toBe(200);
    expect(callsFor(token)).toBe(1);
  });

  it('asks again once the cache TTL has passed, and never keeps an answer past the token exp', async () => {
    const short = await startResourceServer({ cacheTtlSec: 1 });
    try {
      const token = opaque();
      for (let i = 0; i < 2; i++) await (await postJsonRpc(short.url, initialize, bearer(token))).text();
      expect(callsFor(token)).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await (await postJsonRpc(short.url, initialize, bearer(token))).text();
      expect(callsFor(token)).toBe(2);
    } finally {
      await short.close();
    }
    // 60 s TTL, but the token expires (with the 30 s skew allowance) in 2 to 3 s: room for the
    // first request on a busy machine, where exp - 29 left anywhere from 0 to 1 s.
    const exp = Math.ceil(Date.now() / 1000) - 28;
    const expiring = opaque({ exp });
    expect((await postJsonRpc(server.url, initialize, bearer(expiring))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, (exp + 30) * 1000 - Date.now() + 100));
    const late = await postJsonRpc(server.url, initialize, bearer(expiring));
    expect(late.status).toBe(401);
    expect(challenge(late)).toContain('expired');
    expect(callsFor(expiring)).toBe(2);
  });

  const refused: Array<[string, () => string, RegExp]> = [
    ['an unknown or revoked token (active: false)', () => `unknown-${Math.random()}`, /not active/],
    [
      'a token for another resource',
      () => opaque({ aud: 'https://other.example.com/mcp' }),
      /not issued for this resource/,
    ],
    ['a token without an audience', () => opaque({ aud: undefined }), /not issued for this resource/],
    [
      'a token from another issuer',
      () => opaque({ iss: 'https://evil.example.com' }),
      /expected authorization server/,
    ],
    ['an expired token', () => opaque({ exp: Math.floor(Date.now() / 1000) - 120 }), /expired/],
    ['a token not valid yet', () => opaque({ nbf: Math.floor(Date.now() / 1000) + 600 }), /not valid yet/],
    ['a refresh token', () => opaque({ token_type: 'refresh_token' }), /not a bearer access token/],
    [
      'a token naming no subject or client',
      () => opaque({ sub: undefined, client_id: undefined }),
      /sub claim/,
    ],
  ];

  it.each(refused)(
    'refuses %s with 401 invalid_token, and caches the refusal',
    async (_name, make, reason) => {
      const token = make();
      for (let i = 0; i < 2; i++) {
        const res = await postJsonRpc(server.url, initialize, bearer(token));
        expect(res.status).toBe(401);
        expect(challenge(res)).toMatch(/^Bearer error="invalid_token"/);
        expect(challenge(res)).toMatch(reason);
        expect(challenge(res) + (await res.text())).not.toContain(token);
      }
      expect(callsFor(token)).toBe(1);
    },
  );

  it('answers 503 when the endpoint fails, without caching the failure', async () => {
    const token = opaque();
    failWith = 500;
    const res = await postJsonRpc(server.url, initialize, bearer(token));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.text()).not.toContain(token);
    failWith = undefined;
    expect((await postJsonRpc(server.url, initialize, bearer(token))).status).toBe(200);
    expect(callsFor(token)).toBe(2);
  });

  it('never writes a token or the client secret to the log, even at debug level', async () => {
    const tokens = [opaque({ active: false }), opaque({ aud: 'x' })];
    failWith = 502;
    tokens.push(opaque());
    for (const token of tokens) await (await postJsonRpc(server.url, initialize, bearer(token))).text();
    const log = logLines.join('');
    expect(log).toMatch(/oauth token refused/);
    expect(log).toMatch(/oauth authorization server unavailable.*answered 502/);
    for (const secret of [...tokens, CLIENT_SECRET, encodeURIComponent(CLIENT_SECRET)]) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('OAuth resource server: JWTs next to introspection', () => {
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let jwks: Server;
  let jwksUrl: string;
  beforeAll(async () => {
    keys = await generateKeyPair('ES256');
    const body = JSON.stringify({
      keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256' }],
    });
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => jwks.close(resolve)));

  const jwt = () =>
    new SignJWT({ scope: 'mcp:read' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(RESOURCE)
      .setSubject('alice')
      .setExpirationTime('5m')
      .sign(keys.privateKey);

  it('verifies JWTs locally and introspects only the opaque tokens, unless told to introspect always', async () => {
    const mixed = await startResourceServer({}, jwksUrl);
    const always = await startResourceServer({ always: true }, jwksUrl);
    try {
      const signed = await jwt();
      expect((await postJsonRpc(mixed.url, initialize, bearer(signed))).status).toBe(200);
      expect(callsFor(signed)).toBe(0);
      const token = opaque();
      expect((await postJsonRpc(mixed.url, initialize, bearer(token))).status).toBe(200);
      expect(callsFor(token)).toBe(1);
      // The endpoint does not know this JWT: introspected, it is inactive.
      expect((await postJsonRpc(always.url, initialize, bearer(signed))).status).toBe(401);
      expect(callsFor(signed)).toBe(1);
    } finally {
      await mixed.close();
      await always.close();
    }
  });
});

describe('introspection cache', () => {
  it('keeps at most cacheMaxEntries answers, dropping the oldest', async () => {
    const introspect = createIntrospector({
      url: new URL(introspectionUrl),
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      issuer: ISSUER,
      resourceUrl: new URL(RESOURCE),
      cacheMaxEntries: 2,
    });
    const [a, b, c] = [opaque(), opaque(), opaque()];
    for (const token of [a, b, c, c, b, a]) await introspect(token);
    expect([a, b, c].map(callsFor)).toEqual([2, 1, 1]);
  });
});
