import { Client, InMemoryTransport, StreamableHTTPClientTransport, } from '@modelcontextprotocol/client';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { isListenRequest, serveListen } from '../http-listen.js';
import { clientOptionsFor } from './era.js';
/**
 * A real SDK client talking to a real server instance from `app`, without sockets or processes.
 * Legacy: a linked in-memory transport pair. Modern: the SDK's HTTP handler called directly
 * through a `fetch` function, since the stateless era is served per request.
 */
export async function connectInProcess(app, options = {}) {
    const era = options.era ?? 'legacy';
    const client = new Client({ name: 'refmcp-test', version: '0.0.0' }, clientOptionsFor(era, options.client));
    options.beforeConnect?.(client);
    if (era === 'legacy') {
        const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
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
    const handler = createMcpHandler((ctx) => app.createServer(ctx, options.serve), changes && { bus: changes.bus });
    const serve = (request) => handler.fetch(request);
    const transport = new StreamableHTTPClientTransport(new URL('http://localhost/mcp'), {
        fetch: (input, init) => {
            const request = new Request(input, init);
            return changes && isListenRequest(request) ? serveListen(request, changes, serve) : serve(request);
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
