import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import type { McpApp } from '../app.js';
import { type HttpOptions } from '../http.js';
import { type TestEra } from './era.js';
export interface TestHttpServer {
    url: URL;
    /** Connects a real client over HTTP; `headers` are sent on every request (e.g. Authorization). */
    connect(era: TestEra, options?: ConnectHttpOptions): Promise<Client>;
    close(): Promise<void>;
}
/** Starts the app's HTTP mode on a free loopback port. */
export declare function startHttpForTest(app: McpApp, options?: Partial<HttpOptions>): Promise<TestHttpServer>;
export interface ConnectHttpOptions {
    /** Sent on every request (e.g. Authorization). */
    headers?: Record<string, string>;
    client?: ClientOptions;
    /** Runs before connecting: capabilities and request handlers (roots/list) a server may use at once. */
    beforeConnect?: (client: Client) => void;
}
/** A real SDK client connected over Streamable HTTP to `url` (a built binary's `--http`, a proxy). */
export declare function connectHttp(url: URL, era: TestEra, options?: ConnectHttpOptions): Promise<Client>;
