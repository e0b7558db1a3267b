// A shared GitHub deployment where each user acts as themselves, end to end as the root README
// shows it: three instances behind HAProxy, one PostgreSQL token store, 2025-11-25 sessions
// (sticky) whose users link their own GitHub accounts through the proxy.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { freePort, startPostgres } from '@refmcp/core/testing';
import { oauthOf, seedGitHub, startFakeGitHub } from '@refmcp/fake-github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from './cluster.mjs';

const require = createRequire(import.meta.url);
const CLIENT_ID = 'Ov23liDeployTest';
const CLIENT_SECRET = 'deploy-test-client-secret-0001';

describe('per-user GitHub identity behind HAProxy', () => {
  let pg;
  let fake;
  let cluster;
  beforeAll(async () => {
    pg = await startPostgres();
    fake = await startFakeGitHub({ gh: seedGitHub() });
    oauthOf(fake.gh).apps.set(CLIENT_ID, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const port = await freePort();
    const bin = path.join(path.dirname(require.resolve('@refmcp/server-github')), 'index.js');
    cluster = await startCluster({
      instances: 3,
      port,
      target: {
        tool: 'get_me',
        command: process.execPath,
        args: [
          bin,
          '--upstream-auth',
          'oauth',
          '--public-url',
          `http://127.0.0.1:${port}`,
          '--upstream-client-id',
          CLIENT_ID,
          '--token-store',
          pg.url,
          '--gh-host',
          fake.apiUrl,
        ],
        env: {
          GITHUB_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
          UPSTREAM_TOKEN_KEY: randomBytes(32).toString('base64'),
        },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    await fake?.close();
    await pg?.stop();
  }, 60_000);

  it('links each user through the proxy (any instance may serve the pages) and runs their calls as them', async () => {
    const connect = async (login) => {
      const client = new Client(
        { name: 'deploy-test', version: '0.0.0' },
        { versionNegotiation: { mode: 'legacy' }, capabilities: { elicitation: { url: {} } } },
      );
      client.setRequestHandler('elicitation/create', async (request) => {
        await linkThroughProxy(request.params.url, login);
        return { action: 'accept' };
      });
      await client.connect(new StreamableHTTPClientTransport(cluster.url));
      return client;
    };
    const alice = await connect('alice');
    const octocat = await connect('octocat');
    try {
      for (const [client, login] of [
        [alice, 'alice'],
        [octocat, 'octocat'],
        [alice, 'alice'],
      ]) {
        const result = await client.callTool({ name: 'get_me', arguments: {} });
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
        expect(result.structuredContent).toMatchObject({ login });
      }
      const issued = oauthOf(fake.gh).issued;
      expect(issued.map((t) => t.login).sort()).toEqual(['alice', 'octocat']);
      for (const call of fake.gh.calls)
        expect(issued.find((t) => t.token === call.token)?.login).toBe(call.login);
    } finally {
      await alice.close();
      await octocat.close();
    }
  });
});

/** Our link page, GitHub's (the fake's) consent as `login`, the callback: all through HAProxy. */
async function linkThroughProxy(url, login) {
  const page = await (await fetch(url)).text();
  const ticket = /name="ticket" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const started = await fetch(new URL('/connect/github', url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ticket }).toString(),
  });
  const cookie = (started.headers.get('set-cookie') ?? '').split(';')[0];
  const authorize = new URL(started.headers.get('location') ?? '');
  const approved = await fetch(new URL('/login/oauth/authorize', authorize), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      ...Object.fromEntries(authorize.searchParams),
      login,
      decision: 'approve',
    }).toString(),
  });
  const done = await fetch(approved.headers.get('location') ?? '', { headers: { cookie } });
  if (done.status !== 200) throw new Error(`linking failed: ${await done.text()}`);
}
