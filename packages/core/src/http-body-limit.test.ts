import { request } from 'node:http';
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
 * `--max-body-bytes` is one bound for every way a body enters: the server's Node side reads the
 * socket first, then the 2026 handler or a 2025 session transport may read it again. Any of them
 * left at the SDK's 4 MiB default would make the flag a lie.
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
});

describe('a body declared over --max-body-bytes', () => {
  let server: TestHttpServer | undefined;
  afterEach(async () => server?.close());

  it('gets its 413 even while the client is still sending it', async () => {
    const app = createMcpApp({ name: 'measure', version: '0.0.0', tools: [measure], deps: () => ({}) });
    server = await startHttpForTest(app, { maxBodyBytes: 64 * 1024 });
    const chunk = Buffer.alloc(256 * 1024, 'x');
    const chunks = 8;
    // Sent in pieces with pauses, as a slow link would: a server that answers and hangs up
    // before the body is in makes the client's next write fail instead of delivering the 413.
    const outcome = await new Promise<{ status?: number; body: string; error?: string }>((resolve) => {
      const req = request(server!.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'content-length': String(chunk.length * chunks),
        },
      });
      let failed: string | undefined;
      req.on('error', (error) => {
        failed = error.message;
        resolve({ body: '', error: failed });
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (data: Buffer) => {
          body += data.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode, body, ...(failed && { error: failed }) }));
      });
      void (async () => {
        for (let i = 0; i < chunks && !failed; i++) {
          req.write(chunk);
          await new Promise((r) => setTimeout(r, 20));
        }
        req.end();
      })();
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body).error.message).toMatch(/at most 65536 \(--max-body-bytes\)/);
  });
});
