// Tokens checked at the edge: HAProxy's jwt_verify with the authorization server's public key in
// front of a filesystem server in OAuth mode (which verifies every token again, from the JWKS).
// Real HAProxy, a real server process, real SDK clients; only the authorization server is ours: a
// key pair and a JWKS document on loopback.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { clientOptionsFor } from '@refmcp/core/testing';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from './cluster.mjs';
import { checkEdgeJwt, resourceMetadataUrl } from './edge-jwt.mjs';
import { httpStatusOf } from './guard-load.mjs';

const ISSUER = 'https://auth.example.com';
const RESOURCE = 'https://mcp.example.com/mcp';
const METADATA = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';

describe('tokens checked at the edge', () => {
  let scratch;
  let keys;
  let otherKeys;
  let jwks;
  let cluster;

  const sign = (claims = {}, { key = keys.privateKey, alg = 'ES256' } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      scope: 'mcp:read mcp:write',
      iss: ISSUER,
      aud: RESOURCE,
      sub: 'alice',
      exp: now + 300,
      ...claims,
    })
      .setProtectedHeader({ alg, kid: 'k1' })
      .sign(key);
  };

  /** Connects and calls a tool with `token`; resolves with the HTTP answers that were not 2xx. */
  const callWith = async (token) => {
    const refused = [];
    const fetchWithToken = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      const response = await fetch(input, { ...init, headers });
      if (!response.ok)
        refused.push({ status: response.status, challenge: response.headers.get('www-authenticate') });
      return response;
    };
    const client = new Client({ name: 'edge-jwt-test', version: '0.0.0' }, clientOptionsFor('modern'));
    try {
      await client.connect(new StreamableHTTPClientTransport(cluster.url, { fetch: fetchWithToken }));
      const result = await client.callTool({ name: 'list_allowed_directories', arguments: {} });
      return { status: 200, result, refused };
    } catch (error) {
      return { status: httpStatusOf(error) ?? refused[0]?.status, refused };
    } finally {
      await client.close().catch(() => {});
    }
  };

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'refmcp-edge-jwt-'));
    keys = await generateKeyPair('ES256');
    otherKeys = await generateKeyPair('ES256');
    const keyFile = path.join(scratch, 'issuer-public.pem');
    await writeFile(keyFile, await exportSPKI(keys.publicKey));
    const body = JSON.stringify({
      keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256' }],
    });
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${jwks.address().port}/jwks.json`;
    cluster = await startCluster({
      target: 'filesystem',
      instances: 1,
      extraArgs: ['--oauth-issuer', ISSUER, '--oauth-jwks-url', jwksUrl, '--resource-url', RESOURCE],
      edgeJwt: { keyFile, alg: 'ES256', issuer: ISSUER, resourceUrl: RESOURCE },
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    if (jwks) await new Promise((resolve) => jwks.close(resolve));
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('names the resource metadata the way the servers do, and refuses values that could break the config', () => {
    expect(resourceMetadataUrl(RESOURCE)).toBe(METADATA);
    const good = { keyFile: '/etc/haproxy/issuer.pem', alg: 'RS256', issuer: ISSUER, resourceUrl: RESOURCE };
    expect(() => checkEdgeJwt(good)).not.toThrow();
    expect(() => checkEdgeJwt({ ...good, issuer: 'https://a" }' })).toThrow(/--oauth-issuer/);
    expect(() => checkEdgeJwt({ ...good, alg: 'HS256' })).toThrow(/--edge-jwt-alg/);
    expect(() => checkEdgeJwt({ ...good, keyFile: 'issuer.pem' })).toThrow(/absolute/);
  });

  it('answers bad tokens 401 at the edge, naming the resource metadata, without reaching an instance', async () => {
    const before = (await cluster.stats())[0].stot;
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${(await sign()).split('.')[1]}.`;
    const bad = {
      'no token': undefined,
      'signed by another key': await sign({}, { key: otherKeys.privateKey }),
      expired: await sign({ exp: now - 60 }),
      'another audience': await sign({ aud: 'https://other.example.com/mcp' }),
      'another issuer': await sign({ iss: 'https://evil.example.com' }),
      'no subject': await sign({ sub: undefined }),
      'alg none': unsigned,
    };
    for (const [what, token] of Object.entries(bad)) {
      const outcome = await callWith(token);
      expect(outcome.status, what).toBe(401);
      const challenge = outcome.refused[0].challenge;
      expect(challenge, what).toContain(`resource_metadata="${METADATA}"`);
      if (token) expect(challenge, what).toContain('error="invalid_token"');
      else expect(challenge, what).not.toContain('error=');
    }
    expect((await cluster.stats())[0].stot).toBe(before);
    const metrics = await (await fetch(cluster.metricsUrl)).text();
    const refused = Number(
      /haproxy_backend_http_requests_total\{proxy="edge_unauthorized"\} (\d+)/.exec(metrics)?.[1],
    );
    expect(refused).toBeGreaterThanOrEqual(Object.keys(bad).length);
    // Discovery stays open: the metadata document is served without a token.
    const metadata = await fetch(new URL('/.well-known/oauth-protected-resource/mcp', cluster.url));
    expect(metadata.status).toBe(200);
    expect((await metadata.json()).resource).toBe(RESOURCE);
  });

  it('passes a valid token on; the instance checks it again; the log names the subject, never the token', async () => {
    const token = await sign();
    const outcome = await callWith(token);
    expect(outcome.status).toBe(200);
    expect(outcome.result.structuredContent.directories).toHaveLength(1);

    // A token the edge accepts but the instance does not (not valid yet: the edge leaves `nbf`
    // to the instances): the instance's own 401, whose challenge adds the scopes.
    const early = await sign({ nbf: Math.floor(Date.now() / 1000) + 3600 });
    const before = (await cluster.stats())[0].stot;
    const refusedByInstance = await callWith(early);
    expect(refusedByInstance.status).toBe(401);
    expect(refusedByInstance.refused[0].challenge).toMatch(/scope="/);
    expect((await cluster.stats())[0].stot).toBeGreaterThan(before);

    const log = cluster.accessLog();
    expect(log).toMatch(
      / 200 method="tools\/call" tool="list_allowed_directories" subject="alice" caller="sub:alice" backend=mcp instance=mcp1 /,
    );
    for (const secret of [token, early, token.split('.')[2]]) expect(log).not.toContain(secret);
  });
});
