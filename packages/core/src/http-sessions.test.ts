import { setTimeout as sleep } from 'node:timers/promises';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp, type InstanceContext } from './app.js';
import type { HttpOptions } from './http.js';
import { type HttpServerHandle, startHttpServer } from './http-server.js';
import { createLogger } from './logger.js';
import { clientOptionsFor, postJsonRpc as post } from './testing/index.js';
import { defineTool } from './tool.js';

const ping = defineTool({
  name: 'ping_later',
  title: 'Ping later',
  description: 'Returns at once, then announces a tool-list change after 50 ms.',
  inputSchema: z.object({}),
  outputSchema: z.object({ ok: z.boolean() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  handler: async (_input, ctx: { deps: InstanceContext }) => {
    // Not tied to the request: it can only reach the client over the session's GET stream.
    setTimeout(() => ctx.deps.server.sendToolListChanged(), 50);
    return { ok: true };
  },
});

const app = createMcpApp({
  name: 'sessions-test',
  version: '0',
  tools: [ping],
  deps: (instance) => instance,
  capabilities: { tools: { listChanged: true } },
  logger: createLogger({ name: 'sessions-test', level: 'silent' }),
});

const handles: HttpServerHandle[] = [];
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => {})));
  await Promise.all(handles.splice(0).map((h) => h.close(0)));
});

async function serve(options: Partial<HttpOptions> = {}) {
  const handle = await startHttpServer(app, { host: '127.0.0.1', port: 0, ...options });
  handles.push(handle);
  return handle;
}

async function connect(url: URL, headers: Record<string, string> = {}) {
  const client = new Client({ name: 't', version: '0' }, clientOptionsFor('legacy'));
  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers } });
  await client.connect(transport);
  clients.push(client);
  return { client, transport };
}

const toolsList = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} };

describe('2025-11-25 clients over HTTP get sessions', () => {
  it('opens a session at initialize and serves later calls on it', async () => {
    const { url } = await serve();
    const { client, transport } = await connect(url);
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const first = await client.callTool({ name: 'ping_later', arguments: {} });
    const second = await client.callTool({ name: 'ping_later', arguments: {} });
    expect(first.structuredContent).toEqual({ ok: true });
    expect(second.structuredContent).toEqual({ ok: true });
  });

  it('delivers notifications that belong to no request over the GET stream', async () => {
    const { url } = await serve();
    const { client } = await connect(url);
    const changed = new Promise<void>((resolve) => {
      client.setNotificationHandler('notifications/tools/list_changed', () => resolve());
    });
    await client.callTool({ name: 'ping_later', arguments: {} });
    await expect(Promise.race([changed, sleep(3000).then(() => 'timeout')])).resolves.toBeUndefined();
  });

  it('delivers what the server sends before the client opens its GET stream (roots asked at initialized)', async () => {
    // The server asks for roots the moment the client says initialized, as the filesystem server does.
    let asked: Promise<number> = Promise.resolve(-1);
    const rootsSeen = defineTool({
      name: 'roots_seen',
      title: 'Roots seen',
      description: 'How many roots the client gave when asked at initialized (-1: the request was lost).',
      inputSchema: z.object({}),
      outputSchema: z.object({ roots: z.number() }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      handler: async () => ({ roots: await asked }),
    });
    const early = createMcpApp({
      name: 'early',
      version: '0',
      tools: [rootsSeen],
      deps: () => undefined,
      setup: ({ server }) => {
        server.server.oninitialized = () => {
          asked = server.server.listRoots(undefined, { timeout: 2000 }).then(
            ({ roots }) => roots.length,
            () => -1,
          );
        };
      },
      logger: createLogger({ name: 'early', level: 'silent' }),
    });
    const handle = await startHttpServer(early, { host: '127.0.0.1', port: 0 });
    handles.push(handle);
    const client = new Client({ name: 't', version: '0' }, clientOptionsFor('legacy'));
    client.registerCapabilities({ roots: { listChanged: true } });
    client.setRequestHandler('roots/list', async () => ({
      roots: [{ uri: 'file:///a' }, { uri: 'file:///b' }],
    }));
    await client.connect(new StreamableHTTPClientTransport(handle.url));
    clients.push(client);
    const out = await client.callTool({ name: 'roots_seen', arguments: {} });
    expect(out.structuredContent).toEqual({ roots: 2 });
  });

  it('answers an unknown session with 404 so the client starts over', async () => {
    const { url } = await serve();
    const response = await post(url, toolsList, {
      'mcp-session-id': '00000000-0000-0000-0000-000000000000',
      'mcp-protocol-version': '2025-11-25',
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: -32001 } });
  });

  it('refuses a request without a session that is not initialize', async () => {
    const { url } = await serve();
    const response = await post(url, toolsList);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/initialize/);
  });

  it('ends the session on DELETE', async () => {
    const { url } = await serve();
    const { transport } = await connect(url);
    const id = transport.sessionId as string;
    await transport.terminateSession();
    const response = await post(url, toolsList, {
      'mcp-session-id': id,
      'mcp-protocol-version': '2025-11-25',
    });
    expect(response.status).toBe(404);
  });

  it('does not let another caller use a session it did not open', async () => {
    const { url } = await serve({
      authenticate: async (request) => {
        const who = request.headers.get('authorization')?.replace('Bearer ', '') ?? '';
        if (!who) return new Response('no', { status: 401 });
        return { token: who, clientId: who, scopes: [], expiresAt: Math.floor(Date.now() / 1000) + 60 };
      },
    });
    const { transport } = await connect(url, { authorization: 'Bearer alice' });
    const stolen = await post(url, toolsList, {
      'mcp-session-id': transport.sessionId as string,
      'mcp-protocol-version': '2025-11-25',
      authorization: 'Bearer mallory',
    });
    expect(stolen.status).toBe(404);
    const own = await post(url, toolsList, {
      'mcp-session-id': transport.sessionId as string,
      'mcp-protocol-version': '2025-11-25',
      authorization: 'Bearer alice',
    });
    expect(own.status).toBe(200);
  });

  it('closes idle sessions', async () => {
    // Long enough for the handshake on a loaded machine, short enough to wait out.
    const { url } = await serve({ sessions: { idleMs: 1000 } });
    const { transport } = await connect(url);
    await sleep(2500);
    const response = await post(url, toolsList, {
      'mcp-session-id': transport.sessionId as string,
      'mcp-protocol-version': '2025-11-25',
    });
    expect(response.status).toBe(404);
  });

  it('bounds the number of open sessions', async () => {
    const { url } = await serve({ sessions: { maxSessions: 1 } });
    await connect(url);
    await expect(connect(url)).rejects.toThrow();
    const response = await post(url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
  });

  it('replays what a dropped GET stream missed from Last-Event-ID', async () => {
    const { url } = await serve();
    const opened = await post(url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    });
    const session = {
      'mcp-session-id': opened.headers.get('mcp-session-id') as string,
      'mcp-protocol-version': '2025-11-25',
    };
    await opened.text();
    await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, session);
    const call = (id: number) =>
      post(
        url,
        { jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'ping_later', arguments: {} } },
        session,
      );

    const first = new AbortController();
    const stream = await fetch(url, {
      headers: { ...session, accept: 'text/event-stream' },
      signal: first.signal,
    });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    await (await call(2)).text();
    const seen = await readEvent(stream, 'list_changed');
    first.abort();
    // Sent while no stream is open: kept for replay.
    await (await call(3)).text();
    await sleep(200);
    const resumed = await fetch(url, {
      headers: { ...session, accept: 'text/event-stream', 'last-event-id': seen.id },
    });
    const replayed = await readEvent(resumed, 'list_changed');
    expect(replayed.id).not.toBe(seen.id);
    await resumed.body?.cancel();
  });

  it('serves each POST on its own in stateless mode', async () => {
    const { url } = await serve({ legacy: 'stateless' });
    const { client, transport } = await connect(url);
    expect(transport.sessionId).toBeUndefined();
    expect((await client.callTool({ name: 'ping_later', arguments: {} })).structuredContent).toEqual({
      ok: true,
    });
  });

  it('keeps serving the stateless era next to sessions', async () => {
    const { url } = await serve();
    const client = new Client({ name: 't', version: '0' }, clientOptionsFor('modern'));
    await client.connect(new StreamableHTTPClientTransport(url));
    clients.push(client);
    expect((await client.callTool({ name: 'ping_later', arguments: {} })).structuredContent).toEqual({
      ok: true,
    });
  });
});

/** Reads SSE frames until one whose data mentions `needle`; returns its event id. */
async function readEvent(response: Response, needle: string): Promise<{ id: string; data: string }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  // Generous: a loaded CI machine can take seconds to deliver an event; only a missing one fails.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (const frame of buffer.split('\n\n')) {
      const id = /^id: (.+)$/m.exec(frame)?.[1];
      const data = /^data: (.+)$/m.exec(frame)?.[1] ?? '';
      if (id && data.includes(needle)) {
        reader.releaseLock();
        return { id, data };
      }
    }
  }
  throw new Error(`no event mentioning ${needle}: ${buffer}`);
}
