import { setTimeout as sleep } from 'node:timers/promises';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { startHttpServer } from './http-server.js';
import { createLogger } from './logger.js';
import { clientOptionsFor } from './testing/index.js';
import { defineTool } from './tool.js';

/** Resolved when a call reaches the tool: "already running" means the server has it. */
let started = deferred();

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const slow = defineTool({
  name: 'slow',
  title: 'Slow',
  description: 'Answers after ms milliseconds.',
  inputSchema: z.object({ ms: z.number().int().min(0).max(60_000) }),
  outputSchema: z.object({ waited: z.number() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ ms }) => {
    started.resolve();
    // Unref'd: a call cut at shutdown must not keep the test process alive.
    await sleep(ms, undefined, { ref: false });
    return { waited: ms };
  },
});

const app = createMcpApp({
  name: 'drain-test',
  version: '0',
  tools: [slow],
  deps: () => undefined,
  logger: createLogger({ name: 'drain-test', level: 'silent' }),
});

describe.each(['legacy', 'modern'] as const)('HTTP shutdown (%s era)', (era) => {
  it('lets a call already running finish, then refuses new connections', async () => {
    const handle = await startHttpServer(app, { host: '127.0.0.1', port: 0 });
    const client = new Client({ name: 't', version: '0' }, clientOptionsFor(era));
    await client.connect(new StreamableHTTPClientTransport(handle.url));
    started = deferred();
    const running = client.callTool({ name: 'slow', arguments: { ms: 400 } });
    await started.promise;
    const closing = handle.close();
    await expect(running).resolves.toMatchObject({ structuredContent: { waited: 400 } });
    await closing;
    await expect(fetch(handle.url, { method: 'POST', body: '{}' })).rejects.toThrow();
    await client.close().catch(() => {});
  });

  it('cuts a call that outlives the drain time', async () => {
    const handle = await startHttpServer(app, { host: '127.0.0.1', port: 0 });
    const client = new Client({ name: 't', version: '0' }, clientOptionsFor(era));
    // A 2025-era client tries to resume a cut stream; one quick retry keeps the test short.
    const reconnectionOptions = {
      maxRetries: 1,
      initialReconnectionDelay: 50,
      maxReconnectionDelay: 50,
      reconnectionDelayGrowFactor: 1,
    };
    await client.connect(new StreamableHTTPClientTransport(handle.url, { reconnectionOptions }));
    // A cut 2025-era stream may leave the call to the client's own request timeout.
    // A call longer than the test's timeout: a close that waited for it would never end in time.
    const running = client.callTool({ name: 'slow', arguments: { ms: 60_000 } }, { timeout: 1500 });
    await sleep(100);
    await handle.close(200);
    await expect(running).rejects.toThrow();
    await client.close().catch(() => {});
  });
});
