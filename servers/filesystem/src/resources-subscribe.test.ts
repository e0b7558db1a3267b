import { appendFile, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import { createChangeFeed, createLogger, createMcpApp, type McpApp } from '@refmcp/core';
import { Sandbox } from '@refmcp/core/sandbox';
import { callTool, connectInProcess, startHttpForTest } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { MiB } from './config.js';
import { followListenStreams } from './listen-streams.js';
import { type ResourceDeps, registerFileResources } from './resources.js';
import { type Fixture, makeFixture, testConfig } from './test-helpers.js';
import { createFileWatcher, type FileWatcher } from './watcher.js';

const url = (p: string) => pathToFileURL(p).href;

async function waitFor(
  predicate: () => boolean,
  what: string,
  timeoutMs = 5000,
  nudge?: () => Promise<unknown>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await nudge?.();
    await new Promise((resolve) => setTimeout(resolve, nudge ? 200 : 20));
  }
}

function recordUpdates(client: Client): string[] {
  const updates: string[] = [];
  client.setNotificationHandler('notifications/resources/updated', (notification) => {
    updates.push(notification.params.uri);
  });
  return updates;
}

/**
 * Opens a 2026-era listen stream naming `file` (and `others`) and appends to the file until a
 * notice about it arrives: the watch starts asynchronously once the stream is open.
 */
async function listenUntilHeard(client: Client, file: string, others: string[] = []) {
  const heard = recordUpdates(client);
  const subscription = await client.listen({ resourceSubscriptions: [url(file), ...others] });
  await waitFor(
    () => heard.length >= 1,
    'a notice on the listen stream',
    10_000,
    () => appendFile(file, '.'),
  );
  expect(heard[0]).toBe(url(file));
  return { heard, subscription };
}

describe('resource subscriptions through the filesystem server', () => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('advertises subscriptions in both eras, and in the 2026 era feeds listen streams', async () => {
    fx = await makeFixture('legacy');
    expect(fx.client.getServerCapabilities()?.resources).toMatchObject({ subscribe: true });
    await fx.close();
    // In process, the 2026 era goes through the SDK's HTTP handler, as over HTTP.
    fx = await makeFixture('modern');
    expect(fx.client.getServerCapabilities()?.resources).toMatchObject({ subscribe: true });
    const file = path.join(fx.root, 'in-process.txt');
    await writeFile(file, '');
    const { subscription } = await listenUntilHeard(fx.client, file);
    await subscription.close();
  });

  it('delivers changes over HTTP to a 2025-era session and to a 2026-era listen stream', async () => {
    fx = await makeFixture('legacy');
    const file = path.join(fx.root, 'watched.txt');
    const secret = path.join(fx.outside, 'secret.txt');
    await writeFile(file, 'v1');
    await writeFile(secret, 's');
    const app = createApp(
      testConfig({ allowedDirectories: [fx.root], readOnly: true, maxFileSize: MiB, maxReadBytes: 4096 }),
      { logger: createLogger({ name: 'test', level: 'silent' }) },
    );
    const http = await startHttpForTest(app);
    try {
      // A session keeps one server for the client, so updates reach it over the GET stream.
      const client = await http.connect('legacy');
      expect(client.getServerCapabilities()?.resources).toMatchObject({ subscribe: true });
      const updates = recordUpdates(client);
      await client.subscribeResource({ uri: url(file) });
      await appendFile(file, ' and more');
      await waitFor(() => updates.length >= 1, 'a notice over the session stream');
      expect(updates[0]).toBe(url(file));

      // 2026 era: requests are stateless, and a listen stream names the files it follows.
      const modern = await http.connect('modern');
      expect(modern.getServerCapabilities()?.resources).toMatchObject({ subscribe: true });
      const { heard, subscription } = await listenUntilHeard(modern, file, [url(secret)]);
      await appendFile(secret, ' changed');
      await new Promise((resolve) => setTimeout(resolve, 500));
      // A file outside the allowed directories is never watched, so nothing is said about it.
      expect(heard).not.toContain(url(secret));
      await subscription.close();
    } finally {
      await http.close();
      await app.close();
    }
  });

  it('notifies when a subscribed file is written, by a tool or by anyone else', async () => {
    fx = await makeFixture('legacy');
    const file = path.join(fx.root, 'watched.txt');
    await writeFile(file, 'v1');
    const updates = recordUpdates(fx.client);
    await fx.client.subscribeResource({ uri: url(file) });

    // write_file replaces the file atomically (a rename over it).
    expect((await callTool(fx.client, 'write_file', { path: 'watched.txt', content: 'v2' })).isError).toBe(
      false,
    );
    await waitFor(() => updates.length >= 1, 'a notice after write_file');
    expect(updates[0]).toBe(url(file));

    const seen = updates.length;
    await appendFile(file, ' and more');
    await waitFor(() => updates.length > seen, 'a notice after an in-place append');
    const read = await fx.client.readResource({ uri: url(file) });
    expect(read.contents[0]).toMatchObject({ text: 'v2 and more' });
  });

  it('refuses to subscribe outside the sandbox or to a missing file', async () => {
    fx = await makeFixture('legacy');
    await writeFile(path.join(fx.outside, 'secret.txt'), 's');
    await expect(
      fx.client.subscribeResource({ uri: url(path.join(fx.outside, 'secret.txt')) }),
    ).rejects.toThrow(/outside the allowed directories/);
    await expect(fx.client.subscribeResource({ uri: url(path.join(fx.root, 'nope')) })).rejects.toThrow(
      /does not exist/,
    );
  });
});

describe('subscription bookkeeping on the shared watcher', () => {
  let root: string;
  let watcher: FileWatcher;
  let app: McpApp;
  const clients: Client[] = [];

  /** The resources part of the server on its own, with the watcher in the test's hands. */
  async function setup(): Promise<void> {
    const feed = createChangeFeed();
    root = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-subs-')));
    watcher = createFileWatcher();
    const config = testConfig({
      allowedDirectories: [root],
      readOnly: true,
      maxFileSize: MiB,
      maxReadBytes: 4096,
    });
    app = createMcpApp<ResourceDeps>({
      name: 'resources-only',
      version: '0.0.0',
      tools: [],
      logger: createLogger({ name: 'test', level: 'silent' }),
      deps: () => ({ config, sandbox: new Sandbox(config.allowedDirectories) }),
      setup: (instance, deps) => registerFileResources(instance, deps, watcher),
      changes: feed,
      close: () => {
        stop();
        return watcher.close();
      },
    });
    const stop = followListenStreams(feed, new Sandbox([root]), watcher, app.logger);
  }

  async function connect(): Promise<Client> {
    const client = await connectInProcess(app, { era: 'legacy' });
    clients.push(client);
    return client;
  }

  afterEach(async () => {
    try {
      for (const client of clients.splice(0)) await client.close().catch(() => {});
      await app?.close();
    } finally {
      if (root) await rm(root, { recursive: true, force: true });
    }
  });

  it('starts no watch until the first subscribe', async () => {
    await setup();
    await writeFile(path.join(root, 'a.txt'), 'a');
    const client = await connect();
    await client.readResource({ uri: url(path.join(root, 'a.txt')) });
    expect(watcher.size).toBe(0);
  });

  it('shares one watch between connections and releases it on unsubscribe and disconnect', async () => {
    await setup();
    const file = path.join(root, 'shared.txt');
    await writeFile(file, '');
    const first = await connect();
    const second = await connect();
    const firstUpdates = recordUpdates(first);
    const secondUpdates = recordUpdates(second);

    await first.subscribeResource({ uri: url(file) });
    await first.subscribeResource({ uri: url(file) }); // repeated: still one registration
    await second.subscribeResource({ uri: url(file) });
    expect(watcher.size).toBe(1);

    await appendFile(file, 'x');
    await waitFor(() => firstUpdates.length >= 1 && secondUpdates.length >= 1, 'both connections notified');

    await first.unsubscribeResource({ uri: url(file) });
    expect(watcher.size).toBe(1); // the second connection still holds it
    await second.close();
    expect(watcher.size).toBe(0);
  });

  it('releases every watch of a connection when it disconnects', async () => {
    await setup();
    const client = await connect();
    for (const name of ['one.txt', 'two.txt']) {
      await writeFile(path.join(root, name), '');
      await client.subscribeResource({ uri: url(path.join(root, name)) });
    }
    expect(watcher.size).toBe(2);
    await client.close();
    expect(watcher.size).toBe(0);
  });

  it('shares one watch between 2026-era listen streams over HTTP and releases it with the last', async () => {
    await setup();
    const file = path.join(root, 'listened.txt');
    await writeFile(file, '');
    const http = await startHttpForTest(app);
    try {
      const first = await http.connect('modern');
      const second = await http.connect('modern');
      const one = await first.listen({ resourceSubscriptions: [url(file), url(path.join(root, 'missing'))] });
      const two = await second.listen({ resourceSubscriptions: [url(file)] });
      await waitFor(() => watcher.size === 1, 'one watch for both streams');
      await one.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(watcher.size).toBe(1); // the second stream still holds it
      await two.close();
      await waitFor(() => watcher.size === 0, 'the watch released with the last stream');
    } finally {
      await http.close();
    }
  });
});
