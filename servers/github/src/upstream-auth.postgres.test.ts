import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type McpApp } from '@refmcp/core';
import {
  callTool,
  connectHttp,
  freePort,
  startHttpForTest,
  startPostgres,
  type TestHttpServer,
  type TestPostgres,
} from '@refmcp/core/testing';
import { createKeyring, createUpstreamAuth, openPostgresStore } from '@refmcp/core/upstream';
import { type FakeGitHubServer, oauthOf, seedGitHub, startFakeGitHub } from '@refmcp/fake-github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { testConfig } from './test-helpers.js';
import { CLIENT_ID, CLIENT_SECRET, linkInBrowser } from './test-helpers-upstream.js';
import { githubProvider } from './upstream-provider.js';
import { grants } from './upstream-scopes.js';

/**
 * Several instances, one PostgreSQL token store, as behind a balancer: the call that needs a link
 * lands on one instance, the browser's link page and callback on another, and the retried call on
 * the first runs as the user, with the token the other instance stored.
 */
describe('per-user identity across instances sharing PostgreSQL', () => {
  let pg: TestPostgres;
  let fake: FakeGitHubServer;
  const instances: Array<{ app: McpApp; http: TestHttpServer }> = [];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'refmcp-pg-instances-'));
    pg = await startPostgres();
    fake = await startFakeGitHub({ gh: seedGitHub() });
    oauthOf(fake.gh).apps.set(CLIENT_ID, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    // The public URL is the instance that serves browsers (a balancer in production).
    const ports = [await freePort(), await freePort()];
    const publicUrl = `http://127.0.0.1:${ports[1]}`;
    const keys = [Buffer.alloc(32, 3)];
    for (const port of ports) {
      const logger = createLogger({ name: 'refmcp-github', level: 'silent' });
      const config = testConfig(fake.apiUrl, { token: '' });
      const auth = createUpstreamAuth({
        provider: githubProvider({ apiUrl: config.apiUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
        store: await openPostgresStore(pg.url),
        keyring: createKeyring(keys),
        publicUrl,
        serverName: 'refmcp-github',
        logger,
        grants,
      });
      const app = createApp(config, { logger, upstreamAuth: auth });
      instances.push({ app, http: await startHttpForTest(app, { port }) });
    }
  }, 90_000);
  afterAll(async () => {
    for (const { app, http } of instances) {
      await http.close();
      await app.close();
    }
    await fake?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('links on one instance and runs the retried call as the user on the other', async () => {
    const [first, second] = instances;
    const pages: string[] = [];
    const client = await connectHttp(first?.http.url ?? new URL('http://x'), 'legacy', {
      client: { capabilities: { elicitation: { url: {} } } },
      beforeConnect: (c) =>
        c.setRequestHandler('elicitation/create', async (request) => {
          const { url } = request.params as { url: string };
          pages.push(url);
          await linkInBrowser(url, 'alice');
          return { action: 'accept' };
        }),
    });
    try {
      const out = await callTool(client, 'get_me');
      expect(out.isError, out.text).toBe(false);
      expect(out.structured).toMatchObject({ login: 'alice' });
      expect(new URL(pages[0] ?? '').port).toBe(second?.http.url.port);
      const token = oauthOf(fake.gh).issued[0]?.token;
      const asUser = fake.gh.calls.filter((c) => c.path === '/user');
      expect(asUser.length).toBeGreaterThan(1);
      expect(asUser.every((c) => c.token === token)).toBe(true);
    } finally {
      await client.close();
    }
  });
});
