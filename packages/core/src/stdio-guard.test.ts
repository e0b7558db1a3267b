import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lineSplitter, requestIdIn, STDIO_MESSAGE_LIMIT } from './stdio-guard.js';
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

describe('lineSplitter', () => {
  /** A splitter whose lines and refusals are collected as text. */
  function split(limit?: number) {
    const lines: string[] = [];
    const refused: Array<string | number | undefined> = [];
    const push = lineSplitter(
      (line) => lines.push(line.toString('utf8')),
      (id, bytes) => refused.push(id, bytes),
      limit,
    );
    return { push, lines, refused };
  }

  it('hands on one whole line at a time, however the bytes arrived', () => {
    const { push, lines } = split();
    const big = `{"jsonrpc":"2.0","id":1,"method":"x","params":{"t":"${'y'.repeat(300_000)}"}}\n`;
    const small = '{"jsonrpc":"2.0","id":2,"method":"ping"}\n';
    const bytes = Buffer.from(big + small + small);
    // 64 KiB pieces, like a pipe delivers them: the big line spans five, the small ones share one.
    for (let at = 0; at < bytes.length; at += 65_536) push(bytes.subarray(at, at + 65_536));
    expect(lines).toEqual([big, small, small]);
  });

  it('keeps a line that has no newline yet until it has one', () => {
    const { push, lines } = split();
    push(Buffer.from('{"jsonrpc":"2.0",'));
    expect(lines).toEqual([]);
    push(Buffer.from('"id":9,"method":"ping"}\n'));
    expect(lines).toEqual(['{"jsonrpc":"2.0","id":9,"method":"ping"}\n']);
  });

  it('drops an oversized line and names its id, passing the next line whole', () => {
    const { push, lines, refused } = split(1000);
    const line = `{"jsonrpc":"2.0","id":"big","params":{"t":"${'z'.repeat(5000)}"}}\n`;
    const small = '{"jsonrpc":"2.0","id":2,"method":"ping"}\n';
    push(Buffer.from(line + small));
    expect(refused).toEqual(['big', Buffer.byteLength(line)]);
    expect(lines).toEqual([small]);
  });

  it('finds the id of an oversized line at its end, however many pieces it came in', () => {
    const { push, lines, refused } = split(1000);
    const big = Buffer.from(
      `{"jsonrpc":"2.0","method":"m","params":{"t":"${'z'.repeat(20_000)}"},"id":41}\n`,
    );
    const small = '{"jsonrpc":"2.0","id":42,"method":"ping"}\n';
    for (let at = 0; at < big.length; at += 700) push(big.subarray(at, at + 700));
    push(Buffer.from(small));
    expect(refused).toEqual([41, big.length]);
    expect(lines).toEqual([small]);
  });
});

describe('requestIdIn', () => {
  it('finds the top-level id first or last, never one nested in params', () => {
    expect(requestIdIn('{"method":"m","params":{"id":99,"t":"a', 'a"}},"jsonrpc":"2.0","id":7}\n')).toBe(7);
    expect(requestIdIn('{"jsonrpc":"2.0","id":"r-1","method":"m","params":{"t":"', 'a"}}\n')).toBe('r-1');
    expect(requestIdIn('{"method":"m","params":{"id":5,"t":"', 'a"}}\n')).toBeUndefined();
  });
});
