import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import {
  answerApprovals,
  CAN_ASK_USER,
  callTool,
  startHttpForTest,
  type TestHttpServer,
} from './testing/index.js';
import { destructive, readOnly, toolsOf } from './tool.js';

const defineTool = toolsOf<{ instance: number }>();
const tools = [
  defineTool({
    name: 'whoami',
    title: 'Who am I',
    description: 'Says which server instance answered.',
    annotations: readOnly({ openWorld: false }),
    inputSchema: z.object({}),
    outputSchema: z.object({ instance: z.number() }),
    handler: async (_input, { deps }) => ({ instance: deps.instance }),
  }),
  defineTool({
    name: 'shred',
    title: 'Shred',
    description: 'Shreds a document.',
    annotations: destructive({ openWorld: false }),
    inputSchema: z.object({ doc: z.string() }),
    outputSchema: z.object({ ok: z.boolean() }),
    handler: async () => ({ ok: true }),
  }),
];

describe('stateless (2026-07-28) requests reuse server instances', () => {
  let server: TestHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function start() {
    let built = 0;
    const app = createMcpApp({
      name: 'pool',
      version: '0',
      tools,
      logLevel: 'error',
      deps: () => ({ instance: ++built }),
    });
    return { app, built: () => built };
  }

  it('builds one instance for calls made one after another, and more only for calls at once', async () => {
    const { app, built } = start();
    server = await startHttpForTest(app);
    const client = await server.connect('modern');
    for (let i = 0; i < 5; i++) {
      expect(await callTool(client, 'whoami', {})).toMatchObject({ structured: { instance: 1 } });
    }
    expect(built()).toBe(1);
    const together = await Promise.all([1, 2, 3].map(() => callTool(client, 'whoami', {})));
    const instances = new Set(together.map((r) => (r.structured as { instance: number }).instance));
    expect(instances.size).toBe(built());
    expect(built()).toBeLessThanOrEqual(3);
  });

  it('gives each 2025-11-25 session its own instance', async () => {
    const { app, built } = start();
    server = await startHttpForTest(app);
    const [a, b] = [await server.connect('legacy'), await server.connect('legacy')];
    expect(await callTool(a, 'whoami', {})).toMatchObject({ structured: { instance: 1 } });
    expect(await callTool(b, 'whoami', {})).toMatchObject({ structured: { instance: 2 } });
    expect(await callTool(a, 'whoami', {})).toMatchObject({ structured: { instance: 1 } });
    expect(built()).toBe(2);
  });

  it('answers each client by its own capabilities on a reused instance (approvals)', async () => {
    const { app, built } = start();
    server = await startHttpForTest(app, { serve: { confirm: 'destructive' } });
    const asking = await server.connect('modern', { client: CAN_ASK_USER });
    const asked = answerApprovals(asking, 'accept');
    const mute = await server.connect('modern');
    for (let round = 0; round < 2; round++) {
      expect(await callTool(asking, 'shred', { doc: `a${round}` })).toMatchObject({ isError: false });
      const refused = await callTool(mute, 'shred', { doc: `b${round}` });
      expect(refused.isError).toBe(true);
      expect(refused.text).toMatch(/this client cannot ask/);
    }
    expect(asked).toEqual([
      'Shred (shred) with {"doc":"a0"}. This cannot be undone. Go ahead?',
      'Shred (shred) with {"doc":"a1"}. This cannot be undone. Go ahead?',
    ]);
    expect(built()).toBe(1);
  });
});
