import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import type { ConfirmMode } from './confirm.js';
import { startHttpForTest, type TestHttpServer } from './testing/http.js';
import { spawnStdio } from './testing/stdio.js';
import { destructive, toolsOf, writes } from './tool.js';

const done: string[] = [];
const defineTool = toolsOf<undefined>();
const output = z.object({ ok: z.boolean() });
const tools = [
  defineTool({
    name: 'shred',
    title: 'Shred',
    description: 'Shred a document.',
    annotations: destructive({ openWorld: false }),
    inputSchema: z.object({ doc: z.string() }),
    outputSchema: output,
    // A draft can be recovered: only other documents need the user.
    confirm: ({ doc }) => (doc.startsWith('draft') ? undefined : `Shred ${doc}`),
    handler: async ({ doc }) => {
      done.push(`shred ${doc}`);
      return { ok: true };
    },
  }),
  defineTool({
    name: 'note',
    title: 'Note',
    description: 'Add a note.',
    annotations: writes({ openWorld: false }),
    inputSchema: z.object({ text: z.string() }),
    outputSchema: output,
    handler: async ({ text }) => {
      done.push(`note ${text}`);
      return { ok: true };
    },
  }),
];

type Answer = 'accept' | 'decline' | 'cancel' | 'no elicitation';

describe('a person approves what cannot be undone', () => {
  let server: TestHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    done.length = 0;
  });

  async function connect(era: 'legacy' | 'modern', mode: ConfirmMode, answer: Answer) {
    const app = createMcpApp({ name: 'docs', version: '0', tools, deps: () => undefined });
    server = await startHttpForTest(app, { serve: { confirm: mode } });
    const asked: string[] = [];
    const client: Client = await server.connect(era, {
      client: answer === 'no elicitation' ? {} : { capabilities: { elicitation: { form: {} } } },
    });
    if (answer !== 'no elicitation') {
      client.setRequestHandler('elicitation/create', async (request) => {
        asked.push(String(request.params.message));
        return answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: answer };
      });
    }
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = await client.callTool({ name, arguments: args });
      const text = (result.content as Array<{ text?: string }>).map((c) => c.text).join('');
      return { isError: result.isError === true, text };
    };
    return { call, asked };
  }

  for (const era of ['legacy', 'modern'] as const) {
    it(`asks, and runs the call once the user approves (${era} era)`, async () => {
      const { call, asked } = await connect(era, 'destructive', 'accept');
      expect(await call('shred', { doc: 'q3.pdf' })).toMatchObject({ isError: false });
      expect(asked).toEqual(['Shred q3.pdf. This cannot be undone. Go ahead?']);
      expect(done).toEqual(['shred q3.pdf']);
    });

    it(`does nothing when the user declines or cancels (${era} era)`, async () => {
      for (const answer of ['decline', 'cancel'] as const) {
        const { call } = await connect(era, 'destructive', answer);
        const out = await call('shred', { doc: 'q3.pdf' });
        expect(out).toEqual({
          isError: true,
          text: 'The user declined: Shred q3.pdf. Nothing was done; do not retry unless the user asks.',
        });
        await server?.close();
      }
      expect(done).toEqual([]);
    });

    it(`refuses, and says why, when the client cannot ask (${era} era)`, async () => {
      const { call } = await connect(era, 'destructive', 'no elicitation');
      // An argument the model writes is no approval.
      const out = await call('shred', { doc: 'q3.pdf', confirm: true });
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(/Shred q3\.pdf: this needs the user's approval, and this client cannot ask/);
      expect(out.text).toContain('--confirm off');
      expect(done).toEqual([]);
    });
  }

  it('asks nothing for a call the tool says can be undone, nor for plain writes', async () => {
    const { call, asked } = await connect('modern', 'destructive', 'accept');
    await call('shred', { doc: 'draft-1' });
    await call('note', { text: 'hi' });
    expect(asked).toEqual([]);
    expect(done).toEqual(['shred draft-1', 'note hi']);
  });

  it('--confirm writes asks before any change; --confirm off never asks', async () => {
    const strict = await connect('modern', 'writes', 'accept');
    await strict.call('note', { text: 'hi' });
    await strict.call('shred', { doc: 'draft-2' });
    expect(strict.asked).toEqual([
      'Note (note) with {"text":"hi"}. Go ahead?',
      'Shred (shred) with {"doc":"draft-2"}. This cannot be undone. Go ahead?',
    ]);
    await server?.close();
    const off = await connect('modern', 'off', 'no elicitation');
    expect(await off.call('shred', { doc: 'q3.pdf' })).toMatchObject({ isError: false });
    expect(done).toEqual(['note hi', 'shred draft-2', 'shred q3.pdf']);
  });
});

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const script = `
import * as z from 'zod';
import { createMcpApp, destructive, runCli, toolsOf } from ${JSON.stringify(dist)};
const shred = toolsOf()({ name: 'shred', title: 'Shred', description: 'Shred.', annotations: destructive({ openWorld: false }),
  inputSchema: z.object({}), outputSchema: z.object({ ok: z.boolean() }), handler: async () => ({ ok: true }) });
await runCli({
  spec: { name: 'docs', version: '0', summary: 'test', usage: '', options: {} },
  build: (ctx) => createMcpApp({ name: 'docs', version: '0', tools: [shred], deps: () => undefined, logger: ctx.logger }),
});
`;

describe('a server binary', () => {
  it('asks before destructive calls unless started with --confirm off', async () => {
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const strict = await spawnStdio({
      command: process.execPath,
      args: ['--input-type=module', '-e', script],
      cwd,
    });
    try {
      const out = await strict.client.callTool({ name: 'shred', arguments: {} });
      expect(out.isError).toBe(true);
    } finally {
      await strict.close();
    }
    const off = await spawnStdio({
      command: process.execPath,
      args: ['--input-type=module', '-e', script, '--', 'docs', '--confirm', 'off'],
      cwd,
    });
    try {
      expect((await off.client.callTool({ name: 'shred', arguments: {} })).isError).toBeFalsy();
    } finally {
      await off.close();
    }
    // Two server processes started one after the other: a busy CI machine needs more than 5 s.
  }, 30_000);
});
