import { Client, type ClientOptions, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { McpApp } from '../app.js';
import type { HttpOptions } from '../http.js';
import { startHttpServer } from '../http-server.js';
import { clientOptionsFor, type TestEra } from './era.js';

export interface TestHttpServer {
  url: URL;
  /** Connects a real client over HTTP; `headers` are sent on every request (e.g. Authorization). */
  connect(era: TestEra, options?: ConnectHttpOptions): Promise<Client>;
  /** Closes the clients, then the server, waiting up to `drainMs` for running calls. */
  close(drainMs?: number): Promise<void>;
}

/** Starts the app's HTTP mode on a free loopback port. */
export async function startHttpForTest(
  app: McpApp,
  options: Partial<HttpOptions> = {},
): Promise<TestHttpServer> {
  const handle = await startHttpServer(app, { host: '127.0.0.1', port: 0, ...options });
  const clients: Client[] = [];
  return {
    url: handle.url,
    async connect(era, connectOptions = {}) {
      const client = await connectHttp(handle.url, era, connectOptions);
      clients.push(client);
      return client;
    },
    async close(drainMs) {
      await Promise.all(clients.map((c) => c.close().catch(() => {})));
      await handle.close(drainMs);
    },
  };
}

export interface ConnectHttpOptions {
  /** Sent on every request (e.g. Authorization). */
  headers?: Record<string, string>;
  client?: ClientOptions;
  /** Runs before connecting: capabilities and request handlers (roots/list) a server may use at once. */
  beforeConnect?: (client: Client) => void;
}

/** A real SDK client connected over Streamable HTTP to `url` (a built binary's `--http`, a proxy). */
export async function connectHttp(url: URL, era: TestEra, options: ConnectHttpOptions = {}): Promise<Client> {
  const client = new Client({ name: 'refmcp-test', version: '0.0.0' }, clientOptionsFor(era, options.client));
  options.beforeConnect?.(client);
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: options.headers ?? {} },
  });
  await client.connect(transport);
  return client;
}
