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

describe('a body sent without a declared length', () => {
  let server: TestHttpServer | undefined;
  afterEach(async () => server?.close());

  const post = (url: URL, body: Buffer) =>
    new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        let text = '';
        res.on('data', (data: Buffer) => {
          text += data.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
      });
      // Written before the end, so Node sends it chunked with no content-length: only counting
      // while reading can refuse it.
      req.write(body);
      req.end();
    });

  it('is refused with 413 once it passes --max-body-bytes, and the server stays usable', async () => {
    const app = createMcpApp({ name: 'measure', version: '0.0.0', tools: [measure], deps: () => ({}) });
    server = await startHttpForTest(app, { maxBodyBytes: 64 * 1024 });
    const outcome = await post(server.url, Buffer.alloc(200 * 1024, 'x'));
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body).error.message).toMatch(/over 65536 bytes.*--max-body-bytes/);
    const client = await server.connect('modern');
    expect((await callTool(client, 'measure', { text: 'abc' })).structured).toEqual({ length: 3 });
  });

  it('that is not JSON gets its JSON-RPC error, as with a declared length', async () => {
    const app = createMcpApp({ name: 'measure', version: '0.0.0', tools: [measure], deps: () => ({}) });
    server = await startHttpForTest(app, { maxBodyBytes: 64 * 1024 });
    const broken = await post(server.url, Buffer.from('{"jsonrpc":"2.0",'));
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 }, id: null });
  });
});
