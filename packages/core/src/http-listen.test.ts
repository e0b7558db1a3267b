import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { type ChangeFeed, createChangeFeed } from './changes.js';
import { postJsonRpc, startHttpForTest, type TestHttpServer, waitUntil } from './testing/index.js';
import { defineTool, type ToolContext } from './tool.js';

const touch = defineTool({
  name: 'touch',
  title: 'Touch',
  description: 'Mark a note as changed.',
  inputSchema: z.object({ uri: z.string() }),
  outputSchema: z.object({ ok: z.boolean() }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ uri }, ctx: ToolContext<{ feed: ChangeFeed }>) => {
    ctx.deps.feed.resourceUpdated(uri);
    ctx.deps.feed.resourcesChanged();
    return { ok: true };
  },
});

describe('2026-era subscriptions/listen over HTTP', () => {
  let server: TestHttpServer | undefined;
  afterEach(async () => server?.close());

  function start() {
    const feed = createChangeFeed();
    const interest: string[] = [];
    feed.onResource((uri, wanted) => interest.push(`${wanted ? '+' : '-'}${uri}`));
    const app = createMcpApp({
      name: 'notes',
      version: '0.0.0',
      tools: [touch],
      deps: () => ({ feed }),
      capabilities: { resources: { subscribe: true, listChanged: true } },
      changes: feed,
    });
    return { feed, interest, app };
  }

  it('delivers what the app publishes, filtered by the stream, and tells the app what is asked', async () => {
    const { feed, interest, app } = start();
    server = await startHttpForTest(app);
    const listener = await server.connect('modern');
    const seen: string[] = [];
    listener.setNotificationHandler('notifications/resources/updated', (n) => {
      seen.push(n.params.uri);
    });
    listener.setNotificationHandler('notifications/resources/list_changed', () => {
      seen.push('list_changed');
    });
    const subscription = await listener.listen({
      resourcesListChanged: true,
      resourceSubscriptions: ['note://a', 'note://b'],
    });
    await waitUntil(() => feed.listening === 1, 'the stream to register');
    expect([...feed.resourceUris].sort()).toEqual(['note://a', 'note://b']);
    expect(interest.sort()).toEqual(['+note://a', '+note://b']);

    // Published from a tool call on another connection: the listen stream is not an instance.
    const caller = await server.connect('modern');
    await caller.callTool({ name: 'touch', arguments: { uri: 'note://c' } });
    await caller.callTool({ name: 'touch', arguments: { uri: 'note://a' } });
    await waitUntil(() => seen.includes('note://a'), 'the update for note://a');
    expect(seen).not.toContain('note://c');
    expect(seen.filter((s) => s === 'list_changed')).toHaveLength(2);

    await subscription.close();
    await waitUntil(() => feed.listening === 0, 'the stream to be released');
    expect(interest.filter((i) => i.startsWith('-')).sort()).toEqual(['-note://a', '-note://b']);
  });

  it('does not hold a graceful shutdown for an open stream', async () => {
    const { feed, app } = start();
    server = await startHttpForTest(app);
    const listener = await server.connect('modern');
    await listener.listen({ resourcesListChanged: true });
    await waitUntil(() => feed.listening === 1, 'the stream to register');
    // A drain longer than the test's timeout: a stream counted as a running call would hold it.
    await server.close(60_000);
    server = undefined;
    await waitUntil(() => feed.listening === 0, 'the stream to be released at shutdown');
  });

  it('answers an oversized listen request with 413 and opens nothing', async () => {
    const { feed, app } = start();
    server = await startHttpForTest(app, { maxBodyBytes: 1024 });
    const uris = Array.from({ length: 200 }, (_, i) => `note://${i}`);
    const response = await postJsonRpc(
      server.url,
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'subscriptions/listen',
        params: { notifications: { resourceSubscriptions: uris } },
      },
      { 'mcp-method': 'subscriptions/listen', 'mcp-protocol-version': '2026-07-28' },
    );
    expect(response.status).toBe(413);
    expect(feed.listening).toBe(0);
    expect(feed.resourceUris.size).toBe(0);
  });
});
