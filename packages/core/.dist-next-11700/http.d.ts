import { type Server } from 'node:http';
import { type AuthInfo } from '@modelcontextprotocol/server';
import type { McpApp, ServeOptions } from './app.js';
import { type LegacySessionOptions } from './http-sessions.js';
/**
 * Decides who may call. Returns the caller's identity, or the HTTP response that refuses them
 * (401/403 with a `WWW-Authenticate` challenge). This is the seam OAuth resource-server mode plugs
 * into; the static bearer token below is one implementation.
 */
export type Authenticator = (request: Request) => Promise<AuthInfo | Response>;
export interface HttpOptions {
    host: string;
    port: number;
    /** Static bearer token; ignored when `authenticate` is given. */
    authToken?: string | undefined;
    authenticate?: Authenticator;
    /** Host header names accepted in addition to the loopback names. */
    allowedHosts?: readonly string[];
    /** Browser Origin hostnames accepted in addition to the loopback names. */
    allowedOrigins?: readonly string[];
    /** Largest request body in bytes (413 beyond it). */
    maxBodyBytes?: number;
    /**
     * How 2025-11-25 clients are served: `sessions` (the default: `Mcp-Session-Id`, GET stream,
     * resumability; needs sticky routing behind a balancer) or `stateless` (each POST on its own).
     */
    legacy?: 'sessions' | 'stateless';
    sessions?: LegacySessionOptions;
    /** Which tools a caller sees, and how long a call may run. */
    serve?: ServeOptions;
    /**
     * Extra endpoints answered after the Host/Origin checks and before authentication, such as
     * OAuth protected-resource metadata. Return undefined to pass.
     */
    routes?: (request: Request, url: URL) => Response | undefined | Promise<Response | undefined>;
}
export interface HttpServerHandle {
    /** The MCP endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
    url: URL;
    server: Server;
    fetch: (request: Request) => Promise<Response>;
    /** Stops accepting requests, waits up to `drainMs` for running ones, then closes. */
    close(drainMs?: number): Promise<void>;
}
/** Constant-time check of a static token: compares digests so length differences leak nothing. */
export declare function staticBearerAuth(token: string): Authenticator;
/**
 * The web-standard request pipeline: health check, DNS-rebinding guards, authentication, then the
 * SDK handler that serves both protocol eras. Kept separate from the socket so tests can call it.
 */
export declare function createHttpPipeline(app: McpApp, options?: Omit<HttpOptions, 'host' | 'port'>): {
    fetch: (request: Request) => Promise<Response>;
    /** Readiness turns 503 so a balancer stops sending new work while running calls finish. */
    drain: () => void;
    close: () => Promise<void>;
};
export declare function startHttpServer(app: McpApp, options: HttpOptions): Promise<HttpServerHandle>;
