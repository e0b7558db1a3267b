import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardStdin, requestIdIn, STDIO_MESSAGE_LIMIT } from './stdio-guard.js';
import { callTool } from './testing/call.js';
import { spawnStdio } from './testing/stdio.js';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const script = `
import * as z from 'zod';
import { createMcpApp, readOnly, runCli, toolsOf } from ${JSON.stringify(dist)};
const size = toolsOf()({
  name: 'size', title: 'Size', description: 'Length of a text.', annotations: readOnly({ openWorld: false }),
  inputSchema: z.object({ text: z.string() }), outputSchema: z.object({ length: z.number() }),
  handler: async ({ text }) => ({ length: text.length }),
});
await runCli({
  spec: { name: 'sizer', version: '0', summary: 'test', usage: '', options: {} },
  build: (ctx) => createMcpApp({ name: 'sizer', version: '0', tools: [size], deps: () => undefined, logger: ctx.logger }),
});
`;

describe.skipIf(!existsSync(dist))('a request over the stdio message limit', () => {
  it('gets a JSON-RPC error for that request, and the connection stays usable', async () => {
    const server = await spawnStdio({
      command: process.execPath,
      args: ['--input-type=module', '-e', script],
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    try {
      const near = await callTool(server.client, 'size', { text: 'x'.repeat(STDIO_MESSAGE_LIMIT - 4096) });
      expect(near.structured).toEqual({ length: STDIO_MESSAGE_LIMIT - 4096 });
      const refused = server.client.callTool({
        name: 'size',
        arguments: { text: 'x'.repeat(12 * 1024 * 1024) },
      });
      await expect(refused).rejects.toMatchObject({
        code: -32600,
        message: expect.stringMatching(/12\.0 MiB/),
      });
      await server.client.ping();
      expect(await callTool(server.client, 'size', { text: 'still here' })).toMatchObject({
        structured: { length: 10 },
      });
      expect(server.stderr()).toContain('oversized stdio message refused');
    } finally {
      await server.close();
    }
    // Two ~10 MiB messages cross a pipe on a busy machine: far slower than vitest's 5 s default.
  }, 60_000);
});

describe('guardStdin', () => {
  it('hands the reader one whole line per push, however the bytes arrived', async () => {
    const source = new PassThrough();
    const guard = guardStdin(source, () => {});
    const pushed: string[] = [];
    guard.on('data', (chunk: Buffer) => pushed.push(chunk.toString('utf8')));
    const big = `{"jsonrpc":"2.0","id":1,"method":"x","params":{"t":"${'y'.repeat(300_000)}"}}\n`;
    const small = '{"jsonrpc":"2.0","id":2,"method":"ping"}\n';
    const bytes = Buffer.from(big + small + small);
    // 64 KiB pieces, like a pipe delivers them: the big line spans five, the small ones share one.
    for (let at = 0; at < bytes.length; at += 65_536) source.write(bytes.subarray(at, at + 65_536));
    source.end();
    await new Promise((resolve) => guard.on('end', resolve));
    expect(pushed).toEqual([big, small, small]);
  });

  it('drops an oversized line and names its id, passing the next line whole', async () => {
    const refused: Array<string | number | undefined> = [];
    const source = new PassThrough();
    const guard = guardStdin(source, (id) => refused.push(id), 1000);
    const pushed: string[] = [];
    guard.on('data', (chunk: Buffer) => pushed.push(chunk.toString('utf8')));
    const small = '{"jsonrpc":"2.0","id":2,"method":"ping"}\n';
    source.write(`{"jsonrpc":"2.0","id":"big","params":{"t":"${'z'.repeat(5000)}"}}\n${small}`);
    source.end();
    await new Promise((resolve) => guard.on('end', resolve));
    expect(refused).toEqual(['big']);
    expect(pushed).toEqual([small]);
  });
  it('finds the id of an oversized line at its end, however many pieces it came in', async () => {
    const refused: Array<string | number | undefined> = [];
    const source = new PassThrough();
    const guard = guardStdin(source, (id, bytes) => refused.push(id, bytes), 1000);
    const pushed: string[] = [];
    guard.on('data', (chunk: Buffer) => pushed.push(chunk.toString('utf8')));
    const big = Buffer.from(
      `{"jsonrpc":"2.0","method":"m","params":{"t":"${'z'.repeat(20_000)}"},"id":41}\n`,
    );
    const small = '{"jsonrpc":"2.0","id":42,"method":"ping"}\n';
    for (let at = 0; at < big.length; at += 700) source.write(big.subarray(at, at + 700));
    source.write(small);
    source.end();
    await new Promise((resolve) => guard.on('end', resolve));
    expect(refused).toEqual([41, big.length]);
    expect(pushed).toEqual([small]);
  });

  it('fails the lines with the error of their source', async () => {
    const source = new PassThrough();
    const guard = guardStdin(source, () => {});
    const failed = new Promise((resolve) => guard.on('error', resolve));
    source.destroy(new Error('stdin broke'));
    await expect(failed).resolves.toMatchObject({ message: 'stdin broke' });
  });
});

describe('requestIdIn', () => {
  it('finds the top-level id first or last, never one nested in params', () => {
    expect(requestIdIn('{"method":"m","params":{"id":99,"t":"a', 'a"}},"jsonrpc":"2.0","id":7}\n')).toBe(7);
    expect(requestIdIn('{"jsonrpc":"2.0","id":"r-1","method":"m","params":{"t":"', 'a"}}\n')).toBe('r-1');
    expect(requestIdIn('{"method":"m","params":{"id":5,"t":"', 'a"}}\n')).toBeUndefined();
  });
});
