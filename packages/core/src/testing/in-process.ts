import {
  Client,
  type ClientOptions,
  InMemoryTransport,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import { createMcpHandler } from '@modelcontextprotocol/server';
import type { McpApp, ServeOptions } from '../app.js';
import { isListenRequest, serveListen } from '../http-listen.js';
import { statelessServers } from '../instance-pool.js';
import { encodeMessage } from '../raw-json.js';
import { clientOptionsFor, type TestEra } from './era.js';

export interface InProcessOptions {
  era?: TestEra;
  client?: ClientOptions;
  /** Hook to register client handlers (roots, elicitation) before connecting. */
  beforeConnect?: (client: Client) => void;
  /** How the server serves calls (approvals, timeout, audit), as the binary's flags would set. */
  serve?: ServeOptions;
}

/**
 * A real SDK client talking to a real server instance from `app`, without sockets or processes.
 * Legacy: a linked in-memory transport pair. Modern: the SDK's HTTP handler called directly
 * through a `fetch` function, since the stateless era is served per request.
 */
export async function connectInProcess(app: McpApp, options: InProcessOptions = {}): Promise<Client> {
  const era = options.era ?? 'legacy';
  const client = new Client({ name: 'refmcp-test', version: '0.0.0' }, clientOptionsFor(era, options.client));
  options.beforeConnect?.(client);
  if (era === 'legacy') {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    // As over stdio: each message the server sends is encoded and decoded on its way, so a test
    // sees what a client would (a raw JSON value as the value it encodes, say).
    const send = serverSide.send.bind(serverSide);
    serverSide.send = (message, sendOptions) =>
      send(JSON.parse(encodeMessage(message)) as typeof message, sendOptions);
    const server = app.createServer({ era: 'legacy' }, options.serve);
    await server.connect(serverSide);
    await client.connect(clientSide);
    const close = client.close.bind(client);
    client.close = async () => {
      await close();
      await server.close();
    };
    return client;
  }
  // As over HTTP: listen streams hear what the app publishes to its change feed.
  const { changes } = app;
  // Instances are reused from request to request, as the HTTP server does.
  const modern = statelessServers(app, options.serve ?? {});
  const handler = createMcpHandler(
    (ctx) => (ctx.requestInfo ? modern(ctx) : app.createServer(ctx, options.serve)),
    changes && { bus: changes.bus },
  );
  const serve = (request: Request) => handler.fetch(request);
  const transport = new StreamableHTTPClientTransport(new URL('http://localhost/mcp'), {
    fetch: async (input, init) => {
      const request = new Request(input, init);
      if (!changes || !isListenRequest(request)) return serve(request);
      const body: unknown = await request
        .clone()
        .json()
        .catch(() => undefined);
      return serveListen(request, body, changes, serve);
    },
  });
  await client.connect(transport);
  const close = client.close.bind(client);
  client.close = async () => {
    await close();
    await handler.close();
  };
  return client;
}
