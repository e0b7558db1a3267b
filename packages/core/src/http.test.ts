import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { ConfigError } from './errors.js';
import { startHttpServer } from './http-server.js';
import { createLogger } from './logger.js';
import { callTool, startHttpForTest, type TestHttpServer } from './testing/index.js';
import { defineTool } from './tool.js';

const TOKEN = 'test-token-0123456789';

const whoami = defineTool({
  name: 'whoami',
  title: 'Who am I',
  description: 'Echo the caller and era.',
  inputSchema: z.object({}),
  outputSchema: z.object({ era: z.string(), client: z.string().optional() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async (_input, ctx) => ({ era: ctx.era, client: ctx.sdk.http?.authInfo?.clientId }),
});

const app = createMcpApp({
  name: 'http-test',
  version: '0.0.1',
  tools: [whoami],
  deps: () => undefined,
  logger: createLogger({ name: 'http-test', level: 'silent' }),
});

/** Raw request with full control over Host and Origin (fetch does not let us set Host). */
function raw(url: URL, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = httpRequest(url, { method: body ? 'POST' : 'GET', headers }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

const initBody = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
});
const jsonHeaders = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('HTTP mode', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startHttpForTest(app, { authToken: TOKEN });
  });
  afterAll(() => server.close());

  it.each(['legacy', 'modern'] as const)('serves the %s era with a valid bearer token', async (era) => {
    const client = await server.connect(era, { headers: { authorization: `Bearer ${TOKEN}` } });
    const out = await callTool(client, 'whoami');
    expect(out.structured).toEqual({ era, client: 'static-token' });
    expect(client.getProtocolEra()).toBe(era);
  });

  it('refuses a missing or wrong token with 401 and a Bearer challenge', async () => {
    const missing = await raw(server.url, jsonHeaders, initBody);
    expect(missing.status).toBe(401);
    expect(String(missing.headers['www-authenticate'])).toMatch(/^Bearer/);
    const wrong = await raw(server.url, { ...jsonHeaders, authorization: 'Bearer nope' }, initBody);
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain(TOKEN);
  });

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    const res = await raw(
      server.url,
      { ...jsonHeaders, host: 'evil.example:80', authorization: `Bearer ${TOKEN}` },
      initBody,
    );
    expect(res.status).toBe(403);
  });

  it('rejects a foreign Origin header', async () => {
    const res = await raw(
      server.url,
      { ...jsonHeaders, origin: 'https://evil.example', authorization: `Bearer ${TOKEN}` },
      initBody,
    );
    expect(res.status).toBe(403);
  });

  it('answers /healthz without auth and 404 elsewhere', async () => {
    const health = await raw(new URL('/healthz', server.url), {});
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', name: 'http-test' });
    expect((await raw(new URL('/other', server.url), {})).status).toBe(404);
  });
});

describe('startHttpServer', () => {
  it('refuses a non-loopback bind without a Host allow-list', async () => {
    await expect(startHttpServer(app, { host: '0.0.0.0', port: 0 })).rejects.toBeInstanceOf(ConfigError);
  });
});
