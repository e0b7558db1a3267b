import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { createLogger } from './logger.js';
import { callTool, startHttpForTest, type TestHttpServer } from './testing/index.js';
import { defineTool } from './tool.js';

const read = defineTool({
  name: 'read_thing',
  title: 'Read',
  description: 'Reads.',
  inputSchema: z.object({}),
  outputSchema: z.object({ ok: z.boolean() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async () => ({ ok: true }),
});

const stall = defineTool({
  name: 'stall',
  title: 'Stall',
  description: 'Waits ms milliseconds, ignoring cancellation like a stuck upstream call would.',
  inputSchema: z.object({ ms: z.number() }),
  outputSchema: z.object({ ok: z.boolean() }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ ms }) => {
    await sleep(ms, undefined, { ref: false });
    return { ok: true };
  },
});

const app = createMcpApp({
  name: 'serve-test',
  version: '0',
  tools: [read, stall],
  deps: () => undefined,
  logger: createLogger({ name: 'serve-test', level: 'silent' }),
});

describe.each(['legacy', 'modern'] as const)('serving policy (%s era)', (era) => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startHttpForTest(app, {
      serve: {
        // Stand-in for a scope check: only callers whose token carries "write" get write tools.
        allowTool: (tool, request) =>
          tool.annotations.readOnlyHint || Boolean(request.authInfo?.scopes.includes('write')),
        toolTimeoutMs: 200,
      },
      authenticate: async (request) => ({
        token: 't',
        clientId: 'c',
        scopes: (request.headers.get('x-scopes') ?? '').split(',').filter(Boolean),
        expiresAt: Math.floor(Date.now() / 1000) + 60,
      }),
    });
  });
  afterAll(() => server.close());

  it('hides and refuses tools the policy does not allow', async () => {
    const reader = await server.connect(era, { headers: { 'x-scopes': 'read' } });
    const { tools } = await reader.listTools();
    expect(tools.map((t) => t.name)).toEqual(['read_thing']);
    const refused = await callTool(reader, 'stall', { ms: 1 }).then(
      (outcome) => (outcome.isError ? outcome.text : 'ran'),
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/stall/);
    expect(refused).not.toBe('ran');
    const writer = await server.connect(era, { headers: { 'x-scopes': 'read,write' } });
    expect((await writer.listTools()).tools.map((t) => t.name)).toEqual(['read_thing', 'stall']);
  });

  it('stops a call that outlives the tool timeout with an error the model can act on', async () => {
    const writer = await server.connect(era, { headers: { 'x-scopes': 'write' } });
    // Longer than the test's timeout: only the 200 ms tool timeout can answer in time.
    const result = await writer.callTool({ name: 'stall', arguments: { ms: 60_000 } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/200 ms/);
    expect((await writer.callTool({ name: 'stall', arguments: { ms: 10 } })).structuredContent).toEqual({
      ok: true,
    });
  });
});
