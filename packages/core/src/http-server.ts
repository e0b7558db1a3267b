import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpApp } from './app.js';
import { ConfigError } from './errors.js';
import { createHttpPipeline, type HttpOptions, MCP_PATH } from './http.js';
import { servePipeline } from './http-node.js';
import { refuseOversizedBody } from './http-oversize.js';

// The pipeline (http.ts) on a Node listener: a bind that is safe to make, and a close that lets
// running calls finish first.

export interface HttpServerHandle {
  /** The MCP endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  url: URL;
  server: Server;
  fetch: (request: Request) => Promise<Response>;
  /** Stops accepting requests, waits up to `drainMs` for running ones, then closes. */
  close(drainMs?: number): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function startHttpServer(app: McpApp, options: HttpOptions): Promise<HttpServerHandle> {
  const extraHosts = options.allowedHosts ?? [];
  if (!LOOPBACK.has(options.host) && extraHosts.length === 0) {
    // Security: a non-loopback bind without a Host allow-list would accept any Host header.
    throw new ConfigError(
      `Binding to ${options.host} needs --allowed-hosts with the host names clients will use (DNS-rebinding protection).`,
    );
  }
  if (!LOOPBACK.has(options.host) && !options.authToken && !options.authenticate) {
    app.logger.warn('serving HTTP on a non-loopback address without authentication', { host: options.host });
  }
  const pipeline = createHttpPipeline(app, options);
  // Loaded here, not at the top: node:http's ESM namespace reads every lazy export and so loads
  // Node's bundled undici (~40 ms of startup that stdio never needs).
  const { createServer } = await import('node:http');
  // The Node side reads the body before the pipeline sees it, so it must know the same bound.
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const nodeHandler = servePipeline(pipeline.fetch, maxBodyBytes, (error) =>
    app.logger.error('http request failed', { error }),
  );
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer((req, res) => {
    if (refuseOversizedBody(req, res, maxBodyBytes)) return;
    // GET and subscriptions/listen are notification streams that stay open until cut; only calls
    // are worth waiting for.
    if (req.method !== 'GET' && req.headers['mcp-method'] !== 'subscriptions/listen') {
      inFlight++;
      res.once('close', () => {
        inFlight--;
        if (inFlight === 0) drained?.();
      });
    }
    nodeHandler(req, res).catch((error: unknown) => {
      app.logger.error('http handler failed', { error });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = new URL(`http://${hostForUrl}:${port}${MCP_PATH}`);
  return {
    url,
    server,
    fetch: pipeline.fetch,
    close: async (drainMs = 10_000) => {
      // Stop accepting, let calls already running finish (up to drainMs), then cut what is left:
      // a restart or a scale-down should not fail the requests it catches mid-flight.
      pipeline.drain();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, drainMs);
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      await pipeline.close();
      server.closeAllConnections();
      await stopped;
    },
  };
}
