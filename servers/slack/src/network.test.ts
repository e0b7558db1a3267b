import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callTool, spawnStdio } from '@refmcp/core/testing';
import { BOT_TOKEN, type FakeSlack, seedWorkspace, startFakeSlack } from '@refmcp/fake-slack';
import { createProxy } from 'proxy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** The built binary, as users run it. */
const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));

let slack: FakeSlack;
const cleanups: Array<() => Promise<unknown>> = [];
beforeEach(async () => {
  slack = await startFakeSlack({ workspace: seedWorkspace() });
  cleanups.push(() => slack.close());
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real forwarding proxy (plain HTTP and CONNECT) on loopback, counting what passes through it. */
async function startProxy(): Promise<{ url: string; seen: () => number }> {
  const server: Server = createProxy(createServer());
  let seen = 0;
  server.on('request', () => seen++);
  server.on('connect', () => seen++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen: () => seen };
}

async function serve(env: Record<string, string>, args: string[] = []) {
  const server = await spawnStdio({
    command: process.execPath,
    args: [BIN, ...args],
    env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl, ...env },
  });
  cleanups.push(() => server.close());
  return server;
}

describe('networking', () => {
  it('sends every Slack request through HTTP_PROXY, and none when NO_PROXY names the host', async () => {
    const proxy = await startProxy();
    const server = await serve({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    const out = await callTool(server.client, 'slack_get_channel_history', { channel_id: 'C0GENERAL' });
    expect(out.isError, out.text).toBe(false);
    expect(proxy.seen()).toBeGreaterThanOrEqual(1);
    expect(proxy.seen()).toBe(slack.workspace.calls.length);

    const direct = await startProxy();
    const bypass = await serve({ HTTP_PROXY: direct.url, NO_PROXY: '127.0.0.1' });
    const again = await callTool(bypass.client, 'slack_get_channel_history', { channel_id: 'C0GENERAL' });
    expect(again.isError, again.text).toBe(false);
    expect(direct.seen()).toBe(0);
  });

  it('trusts a private CA only when --ca-file names it', async () => {
    const fixtures = new URL('../test-fixtures/', import.meta.url);
    const cert = fileURLToPath(new URL('localhost-cert.pem', fixtures));
    const tls = {
      key: await readFile(new URL('localhost-key.pem', fixtures), 'utf8'),
      cert: await readFile(cert, 'utf8'),
    };
    const secure = await startFakeSlack({ workspace: seedWorkspace(), tls });
    cleanups.push(() => secure.close());
    expect(secure.apiUrl).toMatch(/^https:/);
    const env = { SLACK_API_URL: secure.apiUrl, SLACK_MAX_RETRIES: '0' };
    const untrusted = await serve(env);
    const refused = await callTool(untrusted.client, 'slack_get_channel_history', {
      channel_id: 'C0GENERAL',
    });
    expect(refused.text).toContain('Could not reach the Slack API at 127.0.0.1');
    const trusted = await serve(env, ['--ca-file', cert]);
    const out = await callTool(trusted.client, 'slack_get_channel_history', { channel_id: 'C0GENERAL' });
    expect(out.isError, out.text).toBe(false);
  });

  it('keeps the directory in a file between runs: owner-only, no token, not paged again', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'refmcp-slack-dir-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'cache', 'directory.json');
    const first = await serve({ SLACK_DIRECTORY_CACHE: file });
    await callTool(first.client, 'slack_get_users', {});
    await callTool(first.client, 'slack_list_channels', {});
    // Written just after the lists load: wait for both to be in the file.
    for (let i = 0; i < 200; i++) {
      const text = await readFile(file, 'utf8').catch(() => '');
      if (text.includes('"users"') && text.includes('"channels"')) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const text = await readFile(file, 'utf8');
    expect(text).toContain('U0CAROL');
    expect(text).not.toContain(BOT_TOKEN);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await first.close();

    const listsBefore = slack.workspace.callsTo('users.list').length;
    const second = await serve({ SLACK_DIRECTORY_CACHE: file });
    const users = await callTool(second.client, 'slack_search_users', { query: 'carol' });
    expect(users.structured).toMatchObject({ total: 1 });
    expect(slack.workspace.callsTo('users.list')).toHaveLength(listsBefore);

    // Too old: loaded from Slack again.
    const third = await serve({ SLACK_DIRECTORY_CACHE: file, SLACK_DIRECTORY_CACHE_MAX_AGE: '0' });
    await callTool(third.client, 'slack_search_users', { query: 'carol' });
    expect(slack.workspace.callsTo('users.list').length).toBeGreaterThan(listsBefore);
  });
});
