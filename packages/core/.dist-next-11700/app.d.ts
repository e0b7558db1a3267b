import { type CallToolResult, type McpRequestContext, McpServer, type ServerCapabilities } from '@modelcontextprotocol/server';
import { type AuditLog } from './audit.js';
import { type ChangeFeed } from './changes.js';
import { type ConfirmMode } from './confirm.js';
import { type Logger, type LogLevel } from './logger.js';
import { type Redactor } from './redact.js';
import { type AnyTool, type ToolAnnotations } from './tool.js';
export type Era = 'legacy' | 'modern';
/** One server instance's view: the SDK server plus the era it serves. */
export interface InstanceContext {
    server: McpServer;
    era: Era;
    request: McpRequestContext;
    logger: Logger;
    /**
     * True when this instance serves one connection for its lifetime (stdio, in process), so it can
     * keep subscriptions and send notifications later; false when it answers a single HTTP request.
     */
    connected: boolean;
}
/** What a deployment decides about serving, as opposed to what the server defines. */
export interface ServeOptions {
    /**
     * Decides per instance which tools exist for this caller, e.g. from OAuth scopes in
     * `request.authInfo`. A tool it refuses is neither listed nor callable.
     */
    allowTool?: (tool: ToolInfo, request: McpRequestContext) => boolean;
    /** Longest a tool call may run before it is aborted and answered with a timeout error. */
    toolTimeoutMs?: number;
    /** Where every tool call is recorded: who called what, and how it ended. */
    audit?: AuditLog;
    /** Which calls a person must approve first (see confirm.ts); none when unset. */
    confirm?: ConfirmMode;
}
/** The parts of a tool a serving policy may look at. */
export interface ToolInfo {
    name: string;
    annotations: ToolAnnotations;
}
export interface McpAppOptions<Deps> {
    name: string;
    version: string;
    title?: string;
    /** Sent to the client at connect; tells the model how the tools fit together. */
    instructions?: string;
    /** Usually `selectTools`'s offer, whose `unavailable` tools are explained to clients that call them. */
    tools: ReadonlyArray<AnyTool<Deps>> & {
        readonly unavailable?: ReadonlyMap<string, string>;
    };
    /** Builds what the tools share for one instance. Long-lived state belongs in the closure. */
    deps: (instance: InstanceContext) => Deps;
    /** Registers resources, prompts and request handlers beyond tools. */
    setup?: (instance: InstanceContext, deps: Deps) => void;
    capabilities?: ServerCapabilities;
    /**
     * Removes secrets (tokens, passwords) from every tool result and client log notice. Build it
     * once with `createRedactor` and give `logger` the same (`logger.withRedaction(redact)`), so the
     * server's own clients log through it too.
     */
    redact?: Redactor;
    /** Used as given; without one, the app logs to stderr through `redact`. */
    logger?: Logger;
    logLevel?: LogLevel;
    /** Releases watchers, pools, workers. Called once on shutdown. */
    close?: () => Promise<void> | void;
    /** Whether dependencies are up (a pool started, a cache warmed); `/readyz` answers 503 until then. */
    ready?: () => boolean | Promise<boolean>;
    /**
     * Where the app publishes changes for 2026-era listen streams served over HTTP. Without it those
     * streams open but never carry a notice.
     */
    changes?: ChangeFeed;
}
/**
 * A server definition that can be instantiated many times: once per stdio connection, once per
 * HTTP request (the SDK's serving model for the stateless era), once per in-process test client.
 */
export interface McpApp {
    readonly name: string;
    readonly version: string;
    readonly logger: Logger;
    readonly redact: Redactor;
    readonly toolNames: readonly string[];
    /** Every tool's name and annotations, for serving policies that act before an instance exists. */
    readonly tools: readonly ToolInfo[];
    /** The app's change feed, which the HTTP handler's listen streams subscribe to. */
    readonly changes?: ChangeFeed;
    createServer(request?: McpRequestContext, serve?: ServeOptions): McpServer;
    ready(): Promise<boolean>;
    close(): Promise<void>;
}
export declare function createMcpApp<Deps>(options: McpAppOptions<Deps>): McpApp;
/** The one boundary where thrown errors become results the model can act on. */
export declare function errorResult(error: unknown, toolName: string, log: Logger, redact: Redactor): CallToolResult;
