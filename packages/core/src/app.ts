import {
  type CallToolResult,
  type ContentBlock,
  type McpRequestContext,
  McpServer,
  type ServerCapabilities,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type * as z from 'zod';
import { type AuditLog, type AuditNote, subjectOf } from './audit.js';
import { auditRefusedCalls } from './audit-refused.js';
import { type ChangeFeed, forwardChanges } from './changes.js';
import { type ConfirmMode, clientCanAsk, confirmCall } from './confirm.js';
import { asToolError, CancelledError, describeError, InvalidInputError, TimeoutError } from './errors.js';
import { leanAnnotations, leanSchema } from './lean-schema.js';
import { createLogger, echoToClient, type Logger, type LogLevel } from './logger.js';
import { createProgressReporter } from './progress.js';
import { createRedactor, type Redactor, redactOutgoing } from './redact.js';
import { type AnyTool, renderCompact, type ToolAnnotations, ToolReply } from './tool.js';
import { explainUnavailable, withUnavailable } from './unavailable.js';
import { askToLink } from './upstream-auth/ask.js';
import { LinkRequiredError } from './upstream-auth/link-required.js';

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

/**
 * What registering a tool needs that does not change between instances, made once per app: the
 * listed schemas (whose JSON Schema is then converted once, see lean-schema.ts) and the logger.
 */
interface Prepared {
  inputSchema: z.ZodObject;
  outputSchema: z.ZodObject;
  log: Logger;
}

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

interface Registration {
  era: Era;
  redact: Redactor;
  serve: ServeOptions;
  compact: boolean;
}

function registerTool<Deps>(
  server: McpServer,
  tool: AnyTool<Deps>,
  deps: Deps,
  { inputSchema, outputSchema, log }: Prepared,
  { era, redact, serve, compact }: Registration,
): void {
  server.registerTool(
    tool.name,
    {
      ...(!compact && { title: tool.title }),
      description: tool.description,
      inputSchema,
      outputSchema,
      // The title is already on the tool; repeating it in annotations costs bytes and says nothing.
      annotations: compact ? leanAnnotations(tool.annotations) : tool.annotations,
    },
    async (input: unknown, sdk: ServerContext): Promise<CallToolResult> => {
      const started = performance.now();
      const audit = serve.audit?.begin({ tool: tool.name, subject: subjectOf(sdk), era, args: input });
      const deadline = serve.toolTimeoutMs ? callDeadline(sdk.mcpReq.signal, serve.toolTimeoutMs) : undefined;
      try {
        // Security: what goes to the client passes the same redaction as stderr.
        const clientLog = echoToClient(log, tool.name, (level, data, name) =>
          sdk.mcpReq.log(level, JSON.parse(redact(JSON.stringify(data))), name),
        );
        const signal = deadline?.signal ?? sdk.mcpReq.signal;
        const ctx = {
          deps,
          signal,
          progress: createProgressReporter(sdk),
          log: clientLog,
          era,
          sdk,
          audit: (note: AuditNote) => audit?.note(note),
        };
        const canAsk = clientCanAsk(sdk, () => server.server.getClientCapabilities());
        const decision = await confirmCall(tool, input, ctx, serve.confirm ?? 'off', canAsk);
        if (decision.kind === 'ask') {
          audit?.end('confirmation_asked');
          return decision.result;
        }
        if (decision.kind === 'declined') {
          audit?.end('declined');
          const text = `The user declined: ${decision.action}. Nothing was done; do not retry unless the user asks.`;
          return { content: [{ type: 'text', text: redact(text) }], isError: true };
        }
        if (decision.confirmed) audit?.note({ confirmedBy: subjectOf(sdk) });
        const returned = await withDeadline(tool.handler(input, ctx), signal, serve.toolTimeoutMs);
        const structured = returned instanceof ToolReply ? returned.structured : returned;
        const text = tool.render ? tool.render(structured) : renderCompact(structured);
        const extra = returned instanceof ToolReply ? returned.content : [];
        checkResultSize(text, tool.render ? JSON.stringify(structured) : text, extra);
        log.debug('call ok', { ms: Math.round(performance.now() - started) });
        audit?.end('ok');
        return { content: [{ type: 'text', text: redact(text) }, ...extra], structuredContent: structured };
      } catch (error) {
        if (error instanceof LinkRequiredError) {
          audit?.end('link_required');
          return askToLink(error, sdk, () => server.server.getClientCapabilities(), redact);
        }
        audit?.end(asToolError(error)?.kind ?? 'internal');
        return errorResult(error, tool.name, log, redact);
      } finally {
        deadline?.clear();
      }
    },
  );
}

/**
 * The call's signal: aborted when the client cancels or after `timeoutMs` (with a TimeoutError
 * reason, as AbortSignal.timeout gives). One timer, cleared when the call ends: AbortSignal.timeout
 * would leave a timer pending for the whole limit (300 s by default) after every call.
 */
function callDeadline(cancelled: AbortSignal, timeoutMs: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const onCancel = () => controller.abort(cancelled.reason);
  if (cancelled.aborted) onCancel();
  else cancelled.addEventListener('abort', onCancel, { once: true });
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    timeoutMs,
  );
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      cancelled.removeEventListener('abort', onCancel);
    },
  };
}

/**
 * The most one tool result may carry. Over stdio the client's reader drops the whole connection
 * past 10 MiB, so a bigger result would cost the user every later call; over HTTP it is as much
 * a model can use. Tools cap their own output well below this; this is the last safety net.
 */
const MAX_RESULT_BYTES = 9 * 1024 * 1024;

function checkResultSize(text: string, structuredJson: string, extra: readonly ContentBlock[]): void {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: most results are clearly small without counting.
  if (extra.length === 0 && (text.length + structuredJson.length) * 3 <= MAX_RESULT_BYTES) return;
  let bytes = Buffer.byteLength(text) + Buffer.byteLength(structuredJson);
  for (const block of extra) bytes += Buffer.byteLength(JSON.stringify(block));
  if (bytes <= MAX_RESULT_BYTES) return;
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  throw new InvalidInputError(
    `The result is ${mib(bytes)}, more than the ${mib(MAX_RESULT_BYTES)} one reply may carry.`,
    {
      hint: 'Ask for less in one call: a smaller range, fewer items, or a narrower query.',
    },
  );
}

/**
 * Settles with the handler, or rejects when the deadline passes even if the handler ignores its
 * signal: a stuck upstream call must not hold the request (and an HTTP worker slot) forever.
 */
function withDeadline<T>(work: Promise<T>, signal: AbortSignal, timeoutMs: number | undefined): Promise<T> {
  if (!timeoutMs) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      const reason = signal.reason as { name?: string } | undefined;
      reject(
        reason?.name === 'TimeoutError'
          ? new TimeoutError(
              `The call took longer than the server's limit of ${timeoutMs} ms and was stopped. Narrow the request (fewer items, a smaller range) and try again.`,
            )
          : new CancelledError('The call was cancelled.'),
      );
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The one boundary where thrown errors become results the model can act on. */
export function errorResult(error: unknown, toolName: string, log: Logger, redact: Redactor): CallToolResult {
  const known = asToolError(error);
  if (known) {
    log.info('call refused', { kind: known.kind, error: known.message });
    return { content: [{ type: 'text', text: redact(describeError(known)) }], isError: true };
  }
  log.error('call failed', { error });
  const message = error instanceof Error ? error.message : String(error);
  const text = `Internal error in ${toolName}: ${message}\nThis is a server bug, not a problem with your input; try another approach.`;
  return { content: [{ type: 'text', text: redact(text) }], isError: true };
}
