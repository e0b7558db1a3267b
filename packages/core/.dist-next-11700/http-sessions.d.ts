import { type AuthInfo } from '@modelcontextprotocol/server';
import type { McpApp, ServeOptions } from './app.js';
export interface LegacySessionOptions {
    /** A session with no request for this long is closed (its next request gets 404). */
    idleMs?: number;
    /** Beyond this many open sessions a new `initialize` gets 503, so memory stays bounded. */
    maxSessions?: number;
    /** Messages kept per session for `Last-Event-ID` resumption. */
    replayEvents?: number;
    /** Largest request body in bytes; the session transport answers 413 beyond it. */
    maxBodyBytes?: number;
}
/**
 * 2025-11-25 clients over HTTP, served the way that era expects: `initialize` opens a session
 * (`Mcp-Session-Id`), later POSTs, the GET notification stream and DELETE run against it, and a
 * dropped stream resumes from `Last-Event-ID`. Sessions live in this process: behind a load
 * balancer, route on the session header (sticky); an unknown id answers 404 so the client starts
 * a new session, as the spec asks.
 */
export declare function createLegacySessions(app: McpApp, serve: ServeOptions, options?: LegacySessionOptions): {
    fetch(request: Request, authInfo?: AuthInfo): Promise<Response>;
    readonly size: number;
    close(): Promise<void>;
};
