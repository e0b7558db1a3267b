import { type McpRequestContext, McpServer, type ServerCapabilities } from '@modelcontextprotocol/server';
import type { AuditLog } from './audit.js';
import { auditRefusedCalls } from './audit-refused.js';
import { type ChangeFeed, forwardChanges } from './changes.js';
import type { ConfirmMode } from './confirm.js';
import { leanSchema } from './lean-schema.js';
import { createLogger, type Logger, type LogLevel } from './logger.js';
import { createRedactor, type Redactor, redactOutgoing } from './redact.js';
import type { AnyTool, ToolAnnotations } from './tool.js';
import { type Prepared, registerTool } from './tool-call.js';
import { explainUnavailable, withUnavailable } from './unavailable.js';

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
  tools: ReadonlyArray<AnyTool<Deps>> & { readonly unavailable?: ReadonlyMap<string, string> };
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
  /**
   * Lists tools compactly, for servers with many tools, whose tools/list hosts pay for in context
   * on every turn: input schemas without keywords that restate the obvious, output schemas as an
   * outline of their top-level fields (see lean-schema.ts), and no `title`, which the spec meant
   * for display and hosts show the name instead of, and annotations without the hints the spec
   * says carry nothing (see `leanAnnotations`). Nothing a model reads to call a tool is lost.
   */
  compactListing?: boolean;
  /** Releases watchers, pools, workers. Called once on shutdown. */
  close?: () => Promise<void> | void;
  /** Whether dependencies are up (a pool started, a cache warmed); `/readyz` answers 503 until then. */
  ready?: () => boolean | Promise<boolean>;
  /**
   * Where the app publishes changes for 2026-era listen streams served over HTTP. Without it those
   * streams open but never carry a notice.
   */
  changes?: ChangeFeed;
  /**
   * Extra HTTP endpoints answered before authentication (a browser opens them), such as the
   * pages where users link their upstream accounts. Undefined passes.
   */
  routes?: (request: Request, url: URL) => Promise<Response | undefined>;
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
  readonly routes?: (request: Request, url: URL) => Promise<Response | undefined>;
  createServer(request?: McpRequestContext, serve?: ServeOptions): McpServer;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The context each server instance was built with. A pooled stateless instance (see
 * instance-pool.ts) is handed to one request after another: its context follows the request.
 */
const contexts = new WeakMap<McpServer, InstanceContext>();
export const instanceContextOf = (server: McpServer): InstanceContext | undefined => contexts.get(server);

export function createMcpApp<Deps>(options: McpAppOptions<Deps>): McpApp {
  const redact = options.redact ?? createRedactor([]);
  const logger =
    options.logger ?? createLogger({ name: options.name, level: options.logLevel ?? 'info', redact });
  let closed: Promise<void> | undefined;
  const unavailable = options.tools.unavailable ?? new Map<string, string>();
  const instructions = withUnavailable(options.instructions, unavailable);
  const compact = options.compactListing === true;
  const prepared = new Map<AnyTool<Deps>, Prepared>();
  const prepare = (tool: AnyTool<Deps>): Prepared => {
    let entry = prepared.get(tool);
    if (!entry) {
      entry = {
        inputSchema: leanSchema(tool.inputSchema, { compact }),
        outputSchema: leanSchema(tool.outputSchema, { terse: true, outline: compact }),
        log: logger.child(tool.name),
      };
      prepared.set(tool, entry);
    }
    return entry;
  };

  const createServer = (
    request: McpRequestContext = { era: 'legacy' },
    serve: ServeOptions = {},
  ): McpServer => {
    const server = new McpServer(
      { name: options.name, version: options.version, ...(options.title && { title: options.title }) },
      {
        // An empty prompt list rather than -32601: clients call prompts/list without checking.
        capabilities: { logging: {}, prompts: {}, ...options.capabilities },
        ...(instructions && { instructions }),
      },
    );
    const connect = server.connect.bind(server);
    server.connect = (transport) => {
      const explained = explainUnavailable(transport, unavailable);
      // Audited after the explanation, so an unoffered tool reads as such; before redaction,
      // which the audit log applies itself.
      const audited = serve.audit ? auditRefusedCalls(explained, serve.audit, request.era) : explained;
      return connect(redactOutgoing(audited, redact));
    };
    const connected = request.requestInfo === undefined;
    const instance: InstanceContext = { server, era: request.era, request, logger, connected };
    contexts.set(server, instance);
    if (connected && request.era === 'modern' && options.changes) {
      // A 2026-era connection (stdio) hears the feed through its own instance.
      const stop = forwardChanges(options.changes, server, (error) =>
        logger.debug('change notice not sent', { error: error.message }),
      );
      const previous = server.server.onclose;
      server.server.onclose = () => {
        stop();
        previous?.();
      };
    }
    const deps = options.deps(instance);
    const tools = serve.allowTool
      ? options.tools.filter((t) => serve.allowTool?.(t, request))
      : options.tools;
    for (const tool of tools)
      registerTool(server, tool, deps, prepare(tool), { era: instance.era, redact, serve, compact });
    options.setup?.(instance, deps);
    return server;
  };

  return {
    name: options.name,
    version: options.version,
    logger,
    redact,
    toolNames: options.tools.map((t) => t.name),
    tools: options.tools.map((t) => ({ name: t.name, annotations: t.annotations })),
    ...(options.changes && { changes: options.changes }),
    ...(options.routes && { routes: options.routes }),
    createServer,
    ready: async () => (options.ready ? await options.ready() : true),
    close: () => {
      closed ??= Promise.resolve(options.close?.());
      return closed;
    },
  };
}
