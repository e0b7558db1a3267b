import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { callTool, startHttpForTest, type TestHttpServer } from './testing/index.js';
import { defineTool } from './tool.js';

const measure = defineTool({
  name: 'measure',
  title: 'Measure',
  description: 'Count the characters of a text.',
  inputSchema: z.object({ text: z.string() }),
  outputSchema: z.object({ length: z.number() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ text }) => ({ length: text.length }),
});

const MiB = 1024 * 1024;

/**
 * `--max-body-bytes` is one bound for every way a body enters: the Node adapter reads the socket
 * first, then the 2026 handler or a 2025 session transport reads it again. Any of them left at the
 * SDK's 4 MiB default would make the flag a lie.
 */
describe('--max-body-bytes over a real socket', () => {
  let server: TestHttpServer | undefined;
  afterEach(async () => server?.close());

  const app = () => createMcpApp({ name: 'measure', version: '0.0.0', tools: [measure], deps: () => ({}) });

  for (const era of ['legacy', 'modern'] as const) {
    it(`accepts a 6 MiB call when raised to 8 MiB (${era} era)`, async () => {
      server = await startHttpForTest(app(), { maxBodyBytes: 8 * MiB });
      const client = await server.connect(era);
      const text = 'x'.repeat(6 * MiB);
      const result = await callTool(client, 'measure', { text });
      expect(result.structured).toEqual({ length: text.length });
    });

    it(`refuses a body over a lowered bound with 413 and stays usable (${era} era)`, async () => {
      server = await startHttpForTest(app(), { maxBodyBytes: 64 * 1024 });
      const client = await server.connect(era);
      await expect(
        client.callTool({ name: 'measure', arguments: { text: 'x'.repeat(100_000) } }),
      ).rejects.toThrow(/413|too large/i);
      const small = await callTool(client, 'measure', { text: 'abc' });
      expect(small.structured).toEqual({ length: 3 });
    });
  }

  it('reads and drops a body it refuses: the client gets the 413, not a reset, and keeps its connection', async () => {
    server = await startHttpForTest(app(), { maxBodyBytes: 64 * 1024 });
    const socket = connect(Number(server.url.port), server.url.hostname);
    let received = '';
    socket.setEncoding('latin1').on('data', (chunk: string) => {
      received += chunk;
    });
    const closed = new Promise<string>((resolve) => {
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
      socket.once('close', () => resolve('closed'));
    });
    const write = (data: string | Buffer) =>
      new Promise<void>((resolve, reject) =>
        socket.write(data, (error) => (error ? reject(error) : resolve())),
      );
    const total = 12 * MiB;
    const head = `POST /mcp HTTP/1.1\r\nHost: ${server.url.host}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: ${total}\r\n\r\n`;
    await write(head);
    // The whole body, written on after the 413 has come back: a server that closed the connection
    // unread makes these writes fail with EPIPE or ECONNRESET.
    const chunk = Buffer.alloc(MiB, 'x');
    for (let sent = 0; sent < total; sent += chunk.length) await write(chunk);
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toContain('this server takes at most 65536 (--max-body-bytes)');
    // The same connection serves the next request.
    received = '';
    await write(`GET /healthz HTTP/1.1\r\nHost: ${server.url.host}\r\nConnection: close\r\n\r\n`);
    expect(await closed).toBe('closed');
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
  });
});
