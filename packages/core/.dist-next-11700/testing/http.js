import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startHttpServer } from '../http.js';
import { clientOptionsFor } from './era.js';
/** Starts the app's HTTP mode on a free loopback port. */
export async function startHttpForTest(app, options = {}) {
    const handle = await startHttpServer(app, { host: '127.0.0.1', port: 0, ...options });
    const clients = [];
    return {
        url: handle.url,
        async connect(era, connectOptions = {}) {
            const client = await connectHttp(handle.url, era, connectOptions);
            clients.push(client);
            return client;
        },
        async close() {
            await Promise.all(clients.map((c) => c.close().catch(() => { })));
            await handle.close();
        },
    };
}
/** A real SDK client connected over Streamable HTTP to `url` (a built binary's `--http`, a proxy). */
export async function connectHttp(url, era, options = {}) {
    const client = new Client({ name: 'refmcp-test', version: '0.0.0' }, clientOptionsFor(era, options.client));
    options.beforeConnect?.(client);
    const transport = new StreamableHTTPClientTransport(url, {
        requestInit: { headers: options.headers ?? {} },
    });
    await client.connect(transport);
    return client;
}
