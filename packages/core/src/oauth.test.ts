import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { createLogger } from './logger.js';
import { createOAuthResourceServer } from './oauth.js';
import { callTool, postJsonRpc, startHttpForTest, type TestHttpServer } from './testing/index.js';
import { defineTool, type ToolContext } from './tool.js';

const ISSUER = 'https://auth.example.com';
const RESOURCE = 'https://mcp.example.com/mcp';
const METADATA_URL = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

const readThing = defineTool({
  name: 'read_thing',
  title: 'Read',
  description: 'Reads.',
  inputSchema: z.object({}),
  outputSchema: z.object({ ok: z.boolean() }),
  annotations: READ_ONLY,
  handler: async () => ({ ok: true }),
});

const writeThing = defineTool({
  name: 'write_thing',
  title: 'Write',
  description: 'Writes.',
  inputSchema: z.object({}),
  outputSchema: z.object({ wrote: z.boolean() }),
  annotations: { ...READ_ONLY, readOnlyHint: false },
  handler: async () => ({ wrote: true }),
});

/** Reports everything about the caller that tool code can reach. */
const peek = defineTool({
  name: 'peek',
  title: 'Peek',
  description: 'Shows what a tool can see of the HTTP request and the caller.',
  inputSchema: z.object({}),
  outputSchema: z.object({ visible: z.string() }),
  annotations: READ_ONLY,
  handler: async (_input, ctx: ToolContext<() => unknown>) => {
    const req = ctx.sdk.http?.req;
    return {
      visible: JSON.stringify({
        deps: ctx.deps(),
        authInfo: ctx.sdk.http?.authInfo,
        requestHeaders: req ? Object.fromEntries(req.headers) : null,
      }),
    };
  },
});

const app = createMcpApp({
  name: 'oauth-test',
  version: '0',
  tools: [readThing, writeThing, peek],
  deps: (instance) => () => ({
    authInfo: instance.request.authInfo,
    requestHeaders: instance.request.requestInfo
      ? Object.fromEntries(instance.request.requestInfo.headers)
      : null,
  }),
  logger: createLogger({ name: 'oauth-test', level: 'silent' }),
});

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;
let rsa: Keys;
let ec: Keys;
let stranger: Keys;
let jwks: Server;
let jwksFetches = 0;
let server: TestHttpServer;

async function listen(s: Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/jwks.json`;
}

function startOAuth(jwksUrl: string) {
  const oauth = createOAuthResourceServer({
    issuer: ISSUER,
    jwksUrl,
    resourceUrl: RESOURCE,
    tools: app.tools,
    resourceName: 'OAuth test',
  });
  return startHttpForTest(app, {
    authenticate: oauth.authenticate,
    routes: oauth.routes,
    serve: { allowTool: oauth.allowTool },
  });
}

beforeAll(async () => {
  [rsa, ec, stranger] = await Promise.all([
    generateKeyPair('RS256'),
    generateKeyPair('ES256'),
    generateKeyPair('RS256'),
  ]);
  const keys = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  jwks = createServer((_req, res) => {
    jwksFetches++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  server = await startOAuth(await listen(jwks));
});

afterAll(async () => {
  await server.close();
  await new Promise((resolve) => jwks.close(resolve));
});

interface SignOptions {
  key?: Keys['privateKey'] | Uint8Array;
  alg?: string;
  kid?: string;
}

async function sign(claims: JWTPayload = {}, options: SignOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: ISSUER, aud: RESOURCE, sub: 'alice', iat: now, exp: now + 300, ...claims };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'rsa-1', typ: 'at+jwt' })
    .sign(options.key ?? rsa.privateKey);
}

const readToken = (claims: JWTPayload = {}) => sign({ scope: 'mcp:read', ...claims });
const writeToken = (claims: JWTPayload = {}) => sign({ scope: 'mcp:write', ...claims });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
};
const callWrite = {
  jsonrpc: '2.0',
  id: 2,
  method: 'tools/call',
  params: { name: 'write_thing', arguments: {} },
};

const post = (body: unknown, headers?: Record<string, string>) => postJsonRpc(server.url, body, headers);

const challenge = (res: Response) => res.headers.get('www-authenticate') ?? '';

describe('OAuth resource server: refusals', () => {
  it('fetches no keys before the first token arrives', async () => {
    await fetch(new URL('/.well-known/oauth-protected-resource', server.url));
    await post(initialize);
    expect(jwksFetches).toBe(0);
  });

  it('answers a request without a token 401 with resource_metadata and no error code (RFC 6750 §3.1)', async () => {
    const refusedHeaders: Array<Record<string, string>> = [
      {},
      { authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' },
    ];
    for (const headers of refusedHeaders) {
      const res = await post(initialize, headers);
      expect(res.status).toBe(401);
      expect(challenge(res)).toMatch(/^Bearer /);
      expect(challenge(res)).toContain(`resource_metadata="${METADATA_URL}"`);
      expect(challenge(res)).toContain('scope="mcp:read mcp:write"');
      expect(challenge(res)).not.toContain('error=');
    }
  });

  const badTokens: Array<[string, () => Promise<string>, RegExp]> = [
    [
      'a token for another resource (RFC 8707 audience)',
      () => readToken({ aud: 'https://other.example.com/mcp' }),
      /not issued for this resource/,
    ],
    [
      'a token from another issuer',
      () => readToken({ iss: 'https://evil.example.com' }),
      /expected authorization server/,
    ],
    ['an expired token', () => readToken({ exp: Math.floor(Date.now() / 1000) - 120 }), /expired/],
    ['a token not valid yet', () => readToken({ nbf: Math.floor(Date.now() / 1000) + 600 }), /not valid yet/],
    ['a token without a subject', () => readToken({ sub: undefined }), /sub claim is missing/],
    [
      'a token whose payload was changed after signing',
      async () => {
        const [header, , signature] = (await readToken()).split('.');
        const forged = Buffer.from(
          JSON.stringify({ iss: ISSUER, aud: RESOURCE, sub: 'alice', exp: 4e9, scope: 'mcp:write' }),
        );
        return `${header}.${forged.toString('base64url')}.${signature}`;
      },
      /signature/,
    ],
    [
      'a token signed by an unknown key under a known key id',
      () => sign({ scope: 'mcp:write' }, { key: stranger.privateKey }),
      /signature/,
    ],
    [
      'a token signed by an unknown key id',
      () => sign({ scope: 'mcp:write' }, { key: stranger.privateKey, kid: 'rsa-9' }),
      /signature/,
    ],
    [
      'an unsigned token (alg none)',
      async () => {
        const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: ISSUER, aud: RESOURCE, sub: 'alice', exp: now + 300, scope: 'mcp:write' })}.`;
      },
      /algorithm/,
    ],
    [
      'an HMAC token keyed with the public RSA key (algorithm confusion)',
      async () => {
        const secret = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
        return sign({ scope: 'mcp:write' }, { key: secret, alg: 'HS256' });
      },
      /algorithm/,
    ],
    ['garbage', async () => 'not-a-jwt', /malformed/],
  ];

  it.each(badTokens)('refuses %s with 401 invalid_token', async (_name, make, reason) => {
    const token = await make();
    const res = await post(initialize, bearer(token));
    expect(res.status).toBe(401);
    expect(challenge(res)).toMatch(/^Bearer error="invalid_token", error_description="[^"]+"/);
    expect(challenge(res)).toMatch(reason);
    expect(challenge(res)).toContain(`resource_metadata="${METADATA_URL}"`);
    // Security: the answer never echoes the credential back.
    const body = await res.text();
    expect(body + challenge(res)).not.toContain(token);
  });

  it('refuses a valid token with neither scope: 403 insufficient_scope naming the read scope', async () => {
    const res = await post(initialize, bearer(await sign({ scope: 'openid profile' })));
    expect(res.status).toBe(403);
    expect(challenge(res)).toMatch(/error="insufficient_scope"/);
    expect(challenge(res)).toContain('scope="mcp:read"');
    expect(challenge(res)).toContain(`resource_metadata="${METADATA_URL}"`);
  });

  it('refuses a write-tool call with a read token: 403 insufficient_scope scope="mcp:write" (step-up)', async () => {
    for (const body of [callWrite, [callWrite]]) {
      const res = await post(body, bearer(await readToken()));
      expect(res.status).toBe(403);
      expect(challenge(res)).toMatch(/error="insufficient_scope"/);
      expect(challenge(res)).toContain('scope="mcp:write"');
    }
    // A read-only tool is not a write call.
    const read = { ...callWrite, params: { name: 'read_thing', arguments: {} } };
    expect((await post(read, bearer(await readToken()))).status).not.toBe(403);
  });

  it('answers 503, not 401, when the signing keys cannot be fetched', async () => {
    const down = createServer();
    const url = await listen(down);
    await new Promise((resolve) => down.close(resolve));
    const orphan = await startOAuth(url);
    try {
      const res = await fetch(orphan.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(await readToken()) },
        body: JSON.stringify(initialize),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
    } finally {
      await orphan.close();
    }
  });
});

describe('OAuth resource server: setup', () => {
  it('refuses a scope that would break out of the challenge header', () => {
    const base = {
      issuer: ISSUER,
      jwksUrl: 'https://auth.example.com/jwks',
      resourceUrl: RESOURCE,
      tools: [],
    };
    expect(() => createOAuthResourceServer({ ...base, writeScope: 'mcp:write", error="x' })).toThrow(
      /valid OAuth scope/,
    );
    expect(() => createOAuthResourceServer({ ...base, readScope: 'a b' })).toThrow(/valid OAuth scope/);
  });
});

describe.each(['legacy', 'modern'] as const)('OAuth resource server: scopes and tools (%s era)', (era) => {
  it('shows a read token only the read-only tools, and the client is refused a write call', async () => {
    const client = await server.connect(era, { headers: bearer(await readToken()) });
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['peek', 'read_thing']);
    expect((await callTool(client, 'read_thing')).structured).toEqual({ ok: true });
    await expect(client.callTool({ name: 'write_thing', arguments: {} })).rejects.toThrow(
      /insufficient scope.*mcp:write/i,
    );
  });

  it('lets a write token (with or without the read scope, scp claim too) see and call every tool', async () => {
    for (const token of [
      await writeToken(),
      await sign({ scp: ['mcp:read', 'mcp:write'] }, { key: ec.privateKey, alg: 'ES256', kid: 'ec-1' }),
    ]) {
      const client = await server.connect(era, { headers: bearer(token) });
      expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([
        'peek',
        'read_thing',
        'write_thing',
      ]);
      expect((await callTool(client, 'write_thing')).structured).toEqual({ wrote: true });
    }
  });

  it('never lets tool code see the bearer token, only the verified identity', async () => {
    const token = await writeToken({ sub: 'carol', client_id: 'desktop-app' });
    const client = await server.connect(era, { headers: bearer(token) });
    const { visible } = (await callTool<{ visible: string }>(client, 'peek')).structured ?? { visible: '' };
    const seen = JSON.parse(visible);
    // The check below only means something if the tool could see the request at all.
    expect(seen.requestHeaders ?? seen.deps.requestHeaders ?? {}).toHaveProperty('content-type');
    expect(seen.authInfo ?? seen.deps.authInfo).toMatchObject({
      clientId: 'desktop-app',
      scopes: ['mcp:write'],
      extra: { sub: 'carol', iss: ISSUER },
    });
    expect(visible).not.toContain(token);
    expect(visible).not.toContain(token.split('.')[2]);
    expect(visible.toLowerCase()).not.toContain('authorization');
  });
});

describe('OAuth resource server: 2025-11-25 sessions', () => {
  it('binds a session to the token subject: another subject cannot use it, a fresh token of the same one can', async () => {
    const opened = await post(initialize, bearer(await readToken({ sub: 'alice' })));
    expect(opened.status).toBe(200);
    const session = opened.headers.get('mcp-session-id') ?? '';
    expect(session).not.toBe('');
    const list = { jsonrpc: '2.0', id: 3, method: 'tools/list', params: {} };
    const inSession = { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' };
    const mallory = await post(list, { ...inSession, ...bearer(await writeToken({ sub: 'mallory' })) });
    expect(mallory.status).toBe(404);
    const alice = await post(list, { ...inSession, ...bearer(await readToken({ sub: 'alice', iat: 1 })) });
    expect(alice.status).toBe(200);
    expect(await alice.text()).toContain('read_thing');
  });

  it('sends a client that stepped up to a new session, whose tools match the new grant', async () => {
    const opened = await post(initialize, bearer(await readToken({ sub: 'dave' })));
    const session = opened.headers.get('mcp-session-id') ?? '';
    const list = { jsonrpc: '2.0', id: 3, method: 'tools/list', params: {} };
    const inSession = { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' };
    const writer = bearer(await writeToken({ sub: 'dave' }));
    // The old session's tool list was fixed by the read grant: 404 tells the client to start over.
    expect((await post(list, { ...inSession, ...writer })).status).toBe(404);
    const reopened = await post(initialize, writer);
    const fresh = {
      'mcp-session-id': reopened.headers.get('mcp-session-id') ?? '',
      'mcp-protocol-version': '2025-11-25',
    };
    const tools = await post(list, { ...fresh, ...writer });
    expect(tools.status).toBe(200);
    expect(await tools.text()).toContain('write_thing');
  });
});

describe('OAuth resource server: protected resource metadata (RFC 9728)', () => {
  const expected = {
    resource: RESOURCE,
    authorization_servers: [ISSUER],
    scopes_supported: ['mcp:read', 'mcp:write'],
    bearer_methods_supported: ['header'],
    resource_name: 'OAuth test',
  };

  it.each(['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp'])(
    'serves %s without a token',
    async (path) => {
      const res = await fetch(new URL(path, server.url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await res.json()).toEqual(expected);
    },
  );

  it('refuses other methods and still checks the Host header', async () => {
    const url = new URL('/.well-known/oauth-protected-resource', server.url);
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      request(url, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  });
});
