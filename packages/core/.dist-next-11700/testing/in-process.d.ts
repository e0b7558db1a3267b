import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import type { McpApp, ServeOptions } from '../app.js';
import { type TestEra } from './era.js';
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
export declare function connectInProcess(app: McpApp, options?: InProcessOptions): Promise<Client>;
