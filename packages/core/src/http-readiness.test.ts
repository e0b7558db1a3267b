import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { startHttpServer } from './http-server.js';
import { createLogger } from './logger.js';
import { defineTool } from './tool.js';

const slow = defineTool({
  name: 'slow',
  title: 'Slow',
  description: 'Answers after ms milliseconds.',
  inputSchema: z.object({ ms: z.number() }),
  outputSchema: z.object({ ok: z.boolean() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ ms }) => {
    await sleep(ms);
    return { ok: true };
  },
});

function appWithDependency() {
  let up = false;
  const app = createMcpApp({
    name: 'ready-test',
    version: '0',
    tools: [slow],
    deps: () => undefined,
    ready: () => up,
    logger: createLogger({ name: 'ready-test', level: 'silent' }),
  });
  return { app, bringUp: () => (up = true) };
}

describe('readiness', () => {
  it('answers 503 until dependencies are up, 200 after, and 503 again while draining', async () => {
    const { app, bringUp } = appWithDependency();
    const handle = await startHttpServer(app, { host: '127.0.0.1', port: 0 });
    const readyz = new URL('/readyz', handle.url);
    const healthz = new URL('/healthz', handle.url);
    expect((await fetch(readyz)).status).toBe(503);
    // Liveness is separate: a starting server is alive, just not ready.
    expect((await fetch(healthz)).status).toBe(200);
    bringUp();
    const ready = await fetch(readyz);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    // Draining starts the moment shutdown begins; ask through the pipeline, the socket is closing.
    const pipeline = handle.fetch;
    const closing = handle.close(300);
    const draining = await pipeline(new Request(readyz, { headers: { host: readyz.host } }));
    expect(draining.status).toBe(503);
    expect(await draining.json()).toEqual({ status: 'draining' });
    await closing;
  });
});

describe('extra routes', () => {
  it('are answered after the Host check and before authentication', async () => {
    const { app } = appWithDependency();
    const handle = await startHttpServer(app, {
      host: '127.0.0.1',
      port: 0,
      authToken: 'secret-token-123456',
      routes: (_request, url) =>
        url.pathname === '/.well-known/example' ? Response.json({ resource: 'x' }) : undefined,
    });
    try {
      const open = await fetch(new URL('/.well-known/example', handle.url));
      expect(open.status).toBe(200);
      expect(await open.json()).toEqual({ resource: 'x' });
      const guarded = await handle.fetch(
        new Request(new URL('/.well-known/example', handle.url), { headers: { host: 'evil.example' } }),
      );
      expect(guarded.status).toBe(403);
      expect((await fetch(handle.url, { method: 'POST', body: '{}' })).status).toBe(401);
    } finally {
      await handle.close(0);
    }
  });
});
