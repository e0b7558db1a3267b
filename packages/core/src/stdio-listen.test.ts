import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { afterEach, describe, expect, it } from 'vitest';
import { createMcpApp } from './app.js';
import { createChangeFeed, forwardChanges } from './changes.js';
import { trackStdioListens } from './stdio-listen.js';
import { clientOptionsFor, waitUntil } from './testing/index.js';

// serveStdio over a linked in-memory pair: the same entry and router as a real stdio process.
describe('2026-era listen subscriptions over stdio', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function connect() {
    const feed = createChangeFeed();
    const app = createMcpApp({
      name: 'notes',
      version: '0.0.0',
      tools: [],
      deps: () => ({}),
      capabilities: { resources: { subscribe: true, listChanged: true } },
      changes: feed,
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const stdio = serveStdio((request) => app.createServer(request), {
      transport: trackStdioListens(serverSide, feed),
    });
    const client = new Client({ name: 'test', version: '0' }, clientOptionsFor('modern'));
    await client.connect(clientSide);
    cleanups.push(
      () => stdio.close(),
      () => client.close(),
    );
    return { feed, client };
  }

  it('tells the feed what each subscription names, and delivers what is published', async () => {
    const { feed, client } = await connect();
    const heard: string[] = [];
    client.setNotificationHandler('notifications/resources/updated', (n) => {
      heard.push(n.params.uri);
    });
    const first = await client.listen({ resourceSubscriptions: ['note://a', 'note://b'] });
    const second = await client.listen({ resourceSubscriptions: ['note://a'] });
    expect(feed.listening).toBe(2);
    expect([...feed.resourceUris].sort()).toEqual(['note://a', 'note://b']);

    feed.resourceUpdated('note://b');
    feed.resourceUpdated('note://c');
    await waitUntil(() => heard.includes('note://b'), 'the update for note://b');
    expect(heard).not.toContain('note://c');

    await first.close();
    await waitUntil(() => feed.listening === 1, 'the first subscription to end');
    expect([...feed.resourceUris]).toEqual(['note://a']);
    await second.close();
    await waitUntil(() => feed.listening === 0, 'the second subscription to end');
  });

  it('releases what a connection named when it closes', async () => {
    const { feed, client } = await connect();
    await client.listen({ resourceSubscriptions: ['note://a'] });
    expect(feed.listening).toBe(1);
    await client.close();
    await waitUntil(() => feed.listening === 0, 'the subscription to end with the connection');
    expect(feed.resourceUris.size).toBe(0);
  });

  it('stops forwarding to an instance that never connected', async () => {
    const feed = createChangeFeed();
    const errors: string[] = [];
    const app = createMcpApp({ name: 'probe', version: '0.0.0', tools: [], deps: () => ({}), changes: feed });
    // What serveStdio does for a server/discover probe that the client then abandons.
    const probe = app.createServer({ era: 'modern' });
    const stop = forwardChanges(feed, probe, (error) => errors.push(error.message));
    feed.resourcesChanged();
    await waitUntil(() => errors.length > 0, 'the failed send');
    feed.resourcesChanged();
    await sleep(50);
    expect(errors).toHaveLength(1);
    stop();
  });
});
