import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpBin, postJsonRpc, spawnHttpBin } from './testing/index.js';

// A whole server process built on the compiled package, so the flags are wired the way a
// published server wires them. Needs `pnpm build` first (turbo runs it before the tests).
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const script = `
import * as z from 'zod';
import { createMcpApp, readOnly, runCli, toolsOf, writes } from ${JSON.stringify(dist)};
const defineTool = toolsOf();
const local = { openWorld: false, idempotent: true };
const tool = (name, reads) => defineTool({
  name, title: name, description: name, inputSchema: z.object({}), outputSchema: z.object({ ok: z.boolean() }),
  annotations: reads ? readOnly(local) : writes(local), handler: async () => ({ ok: true }),
});
await runCli({
  spec: { name: 'oauth-bin', version: '0', summary: 'test', usage: '[options]', options: {} },
  build: (ctx) => createMcpApp({ name: 'oauth-bin', version: '0', tools: [tool('look', true), tool('change', false)],
    deps: () => undefined, logger: ctx.logger }),
  argv: process.argv.slice(1),
});
`;
const node = ['--input-type=module', '-e', script, '--'];

const ISSUER = 'https://auth.example.com';
const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
};
const RESOURCE = 'https://mcp.example.com/mcp';

describe.skipIf(!existsSync(dist))('OAuth flags on a server process', () => {
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let jwks: Server;
  let jwksUrl: string;
  let bin: HttpBin;

  const sign = (scope: string) =>
    new SignJWT({ scope })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(RESOURCE)
      .setSubject('alice')
      .setExpirationTime('5m')
      .sign(keys.privateKey);

  beforeAll(async () => {
    keys = await generateKeyPair('ES256');
    const body = JSON.stringify({
      keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256' }],
    });
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    bin = await spawnHttpBin({
      command: process.execPath,
      args: [...node, '--oauth-issuer', ISSUER, '--oauth-jwks-url', jwksUrl, '--resource-url', RESOURCE],
      env: { LOG_LEVEL: 'debug' },
    });
  });

  afterAll(async () => {
    await bin?.stop();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const post = (body: unknown, token?: string) =>
    postJsonRpc(bin.url, body, token ? { authorization: `Bearer ${token}` } : {});
  const call = (name: string) => ({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name, arguments: {} },
  });

  it('serves the metadata, challenges callers and maps scopes to tools, never logging a token', async () => {
    const metadata = await fetch(new URL('/.well-known/oauth-protected-resource/mcp', bin.url));
    expect(await metadata.json()).toMatchObject({ resource: RESOURCE, authorization_servers: [ISSUER] });

    const anonymous = await post(initialize);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('resource_metadata=');

    const read = await sign('mcp:read');
    const forged = `${read.slice(0, -4)}AAAA`;
    expect((await post(initialize, forged)).status).toBe(401);
    const opened = await post(initialize, read);
    expect(opened.status).toBe(200);
    await opened.text();
    const refused = await post(call('change'), read);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toContain('scope="mcp:write"');

    expect(bin.stderr()).toMatch(/"auth":"oauth"/);
    expect(bin.stderr()).toMatch(/oauth token refused/);
    // Security: debug logging on, and still neither the good nor the forged token appears.
    for (const token of [read, forged]) {
      expect(bin.stderr()).not.toContain(token);
      expect(bin.stderr()).not.toContain(token.split('.')[1]);
    }
  });

  it.each([
    [['--resource-url', RESOURCE], /needs --oauth-issuer .* and --oauth-jwks-url /],
    [
      [
        '--oauth-issuer',
        ISSUER,
        '--oauth-jwks-url',
        'https://a.example/j',
        '--resource-url',
        RESOURCE,
        '--auth-token',
        'tok-123456',
      ],
      /--auth-token and the --oauth/,
    ],
  ])('refuses incomplete or conflicting flags at startup (%j)', (args, message) => {
    const run = spawnSync(process.execPath, [...node, '--http', '--port', '0', ...args], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('tok-123456');
  });
});

describe.skipIf(!existsSync(dist))('OAuth introspection flags on a server process', () => {
  const SECRET = 'rs-client-secret-9f3a';
  let endpoint: Server;
  let bin: HttpBin;
  const seen: string[] = [];

  beforeAll(async () => {
    endpoint = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      const token = new URLSearchParams(body).get('token') ?? '';
      seen.push(`${req.headers.authorization} ${token}`);
      const active = token.startsWith('good-');
      const answer = active
        ? { active, aud: RESOURCE, iss: ISSUER, sub: 'alice', scope: 'mcp:read' }
        : { active };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/introspect`;
    bin = await spawnHttpBin({
      command: process.execPath,
      args: [...node, '--oauth-issuer', ISSUER, '--resource-url', RESOURCE, '--oauth-require-typ', 'at+jwt'],
      env: {
        LOG_LEVEL: 'debug',
        MCP_OAUTH_INTROSPECTION_URL: url,
        MCP_OAUTH_CLIENT_ID: 'mcp-rs',
        MCP_OAUTH_CLIENT_SECRET: SECRET,
      },
    });
  });

  afterAll(async () => {
    await bin?.stop();
    await new Promise((resolve) => endpoint.close(resolve));
  });

  it('accepts opaque tokens the authorization server vouches for, once per token, and logs neither token nor secret', async () => {
    const post = (token: string) => postJsonRpc(bin.url, initialize, { authorization: `Bearer ${token}` });
    const good = `good-${Math.random().toString(36).slice(2)}`;
    const revoked = `revoked-${Math.random().toString(36).slice(2)}`;
    for (let i = 0; i < 3; i++) {
      const res = await post(good);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('oauth-bin');
    }
    const refused = await post(revoked);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('The token is not active.');
    expect(seen.filter((line) => line.endsWith(good))).toHaveLength(1);
    const basic = Buffer.from(`mcp-rs:${SECRET}`).toString('base64');
    expect(seen[0]).toMatch(new RegExp(`^Basic ${basic} `));
    for (const secret of [good, revoked, SECRET, basic]) expect(bin.stderr()).not.toContain(secret);
    expect(bin.stderr()).toMatch(/oauth token refused/);
  });
});
