import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { createLogger } from './logger.js';
import { createOAuthResourceServer } from './oauth.js';
import { postJsonRpc, startHttpForTest, type TestHttpServer } from './testing/index.js';
import { defineTool } from './tool.js';

const ISSUER = 'https://auth.example.com';
const RESOURCE = 'https://mcp.example.com/mcp';

const app = createMcpApp({
  name: 'typ-test',
  version: '0',
  tools: [
    defineTool({
      name: 'look',
      title: 'Look',
      description: 'Looks.',
      inputSchema: z.object({}),
      outputSchema: z.object({ ok: z.boolean() }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      handler: async () => ({ ok: true }),
    }),
  ],
  deps: () => undefined,
  logger: createLogger({ name: 'typ-test', level: 'silent' }),
});

let keys: Awaited<ReturnType<typeof generateKeyPair>>;
let jwks: Server;
let strict: TestHttpServer;
let lenient: TestHttpServer;

async function start(requireTyp?: string) {
  const oauth = createOAuthResourceServer({
    issuer: ISSUER,
    jwksUrl: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
    resourceUrl: RESOURCE,
    tools: app.tools,
    ...(requireTyp && { requireTyp }),
  });
  return startHttpForTest(app, {
    authenticate: oauth.authenticate,
    routes: oauth.routes,
    serve: { allowTool: oauth.allowTool },
  });
}

beforeAll(async () => {
  keys = await generateKeyPair('ES256');
  const body = JSON.stringify({ keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256' }] });
  jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  [strict, lenient] = await Promise.all([start('at+jwt'), start()]);
});

afterAll(async () => {
  await Promise.all([strict.close(), lenient.close()]);
  await new Promise((resolve) => jwks.close(resolve));
});

/** A read token whose header typ is `typ`, or has none when null. */
const token = (typ: string | null) =>
  new SignJWT({ scope: 'mcp:read' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1', ...(typ !== null && { typ }) })
    .setIssuer(ISSUER)
    .setAudience(RESOURCE)
    .setSubject('alice')
    .setExpirationTime('5m')
    .sign(keys.privateKey);

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
};
const post = (server: TestHttpServer, bearer: string) =>
  postJsonRpc(server.url, initialize, { authorization: `Bearer ${bearer}` });

describe('OAuth resource server: required token type (RFC 9068)', () => {
  it.each(['JWT', 'application/jwt', null, 'at+jwt-not'])(
    'refuses a JWT with header typ %s, with a 401 that says why',
    async (typ) => {
      const signed = await token(typ);
      const res = await post(strict, signed);
      expect(res.status).toBe(401);
      const challenge = res.headers.get('www-authenticate') ?? '';
      expect(challenge).toMatch(/^Bearer error="invalid_token"/);
      expect(challenge).toContain('not an access token: its header typ must be at+jwt');
      expect(challenge).toContain(
        'resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
      );
      expect(challenge + (await res.text())).not.toContain(signed);
    },
  );

  it.each(['at+jwt', 'application/at+jwt', 'AT+JWT'])('accepts typ %s', async (typ) => {
    const res = await post(strict, await token(typ));
    expect(res.status).toBe(200);
    await res.text();
  });

  it('accepts any typ when none is required', async () => {
    for (const typ of ['JWT', null]) {
      const res = await post(lenient, await token(typ));
      expect(res.status).toBe(200);
      await res.text();
    }
  });
});
