import { McpServer, } from '@modelcontextprotocol/server';
import { subjectOf } from './audit.js';
import { forwardChanges } from './changes.js';
import { clientCanAsk, confirmCall } from './confirm.js';
import { asToolError, CancelledError, describeError, InvalidInputError, TimeoutError } from './errors.js';
import { leanSchema } from './lean-schema.js';
import { createLogger, echoToClient } from './logger.js';
import { createProgressReporter } from './progress.js';
import { createRedactor, redactOutgoing } from './redact.js';
import { renderCompact, ToolReply } from './tool.js';
import { explainUnavailable, withUnavailable } from './unavailable.js';
export function createMcpApp(options) {
    const redact = options.redact ?? createRedactor([]);
    const logger = options.logger ?? createLogger({ name: options.name, level: options.logLevel ?? 'info', redact });
    let closed;
    const unavailable = options.tools.unavailable ?? new Map();
    const instructions = withUnavailable(options.instructions, unavailable);
    const createServer = (request = { era: 'legacy' }, serve = {}) => {
        const server = new McpServer({ name: options.name, version: options.version, ...(options.title && { title: options.title }) }, {
            // An empty prompt list rather than -32601: clients call prompts/list without checking.
            capabilities: { logging: {}, prompts: {}, ...options.capabilities },
            ...(instructions && { instructions }),
        });
        const connect = server.connect.bind(server);
        server.connect = (transport) => connect(redactOutgoing(explainUnavailable(transport, unavailable), redact));
        const connected = request.requestInfo === undefined;
        const instance = { server, era: request.era, request, logger, connected };
        if (connected && request.era === 'modern' && options.changes) {
            // A 2026-era connection (stdio) hears the feed through its own instance.
            const stop = forwardChanges(options.changes, server, (error) => logger.debug('change notice not sent', { error: error.message }));
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
            registerTool(server, tool, deps, { era: instance.era, logger, redact, serve });
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
        createServer,
        ready: async () => (options.ready ? await options.ready() : true),
        close: () => {
            closed ??= Promise.resolve(options.close?.());
            return closed;
        },
    };
}
function registerTool(server, tool, deps, { era, logger, redact, serve }) {
    const log = logger.child(tool.name);
    server.registerTool(tool.name, {
        title: tool.title,
        description: tool.description,
        inputSchema: leanSchema(tool.inputSchema),
        outputSchema: leanSchema(tool.outputSchema, { terse: true }),
        // The title is already on the tool; repeating it in annotations costs bytes and says nothing.
        annotations: tool.annotations,
    }, async (input, sdk) => {
        const started = performance.now();
        const audit = serve.audit?.begin({ tool: tool.name, subject: subjectOf(sdk), era, args: input });
        try {
            // Security: what goes to the client passes the same redaction as stderr.
            const clientLog = echoToClient(log, tool.name, (level, data, name) => sdk.mcpReq.log(level, JSON.parse(redact(JSON.stringify(data))), name));
            const signal = serve.toolTimeoutMs
                ? AbortSignal.any([sdk.mcpReq.signal, AbortSignal.timeout(serve.toolTimeoutMs)])
                : sdk.mcpReq.signal;
            const ctx = {
                deps,
                signal,
                progress: createProgressReporter(sdk),
                log: clientLog,
                era,
                sdk,
                audit: (note) => audit?.note(note),
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
            if (decision.confirmed)
                audit?.note({ confirmedBy: subjectOf(sdk) });
            const returned = await withDeadline(tool.handler(input, ctx), signal, serve.toolTimeoutMs);
            const structured = returned instanceof ToolReply ? returned.structured : returned;
            const text = tool.render ? tool.render(structured) : renderCompact(structured);
            const extra = returned instanceof ToolReply ? returned.content : [];
            checkResultSize(text, tool.render ? JSON.stringify(structured) : text, extra);
            log.debug('call ok', { ms: Math.round(performance.now() - started) });
            audit?.end('ok');
            return { content: [{ type: 'text', text: redact(text) }, ...extra], structuredContent: structured };
        }
        catch (error) {
            audit?.end(asToolError(error)?.kind ?? 'internal');
            return errorResult(error, tool.name, log, redact);
        }
    });
}
/**
 * The most one tool result may carry. Over stdio the client's reader drops the whole connection
 * past 10 MiB, so a bigger result would cost the user every later call; over HTTP it is as much
 * a model can use. Tools cap their own output well below this; this is the last safety net.
 */
const MAX_RESULT_BYTES = 9 * 1024 * 1024;
function checkResultSize(text, structuredJson, extra) {
    let bytes = Buffer.byteLength(text) + Buffer.byteLength(structuredJson);
    for (const block of extra)
        bytes += Buffer.byteLength(JSON.stringify(block));
    if (bytes <= MAX_RESULT_BYTES)
        return;
    const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    throw new InvalidInputError(`The result is ${mib(bytes)}, more than the ${mib(MAX_RESULT_BYTES)} one reply may carry.`, {
        hint: 'Ask for less in one call: a smaller range, fewer items, or a narrower query.',
    });
}
/**
 * Settles with the handler, or rejects when the deadline passes even if the handler ignores its
 * signal: a stuck upstream call must not hold the request (and an HTTP worker slot) forever.
 */
function withDeadline(work, signal, timeoutMs) {
    if (!timeoutMs)
        return work;
    return new Promise((resolve, reject) => {
        const onAbort = () => {
            const reason = signal.reason;
            reject(reason?.name === 'TimeoutError'
                ? new TimeoutError(`The call took longer than the server's limit of ${timeoutMs} ms and was stopped. Narrow the request (fewer items, a smaller range) and try again.`)
                : new CancelledError('The call was cancelled.'));
        };
        if (signal.aborted)
            return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
}
/** The one boundary where thrown errors become results the model can act on. */
export function errorResult(error, toolName, log, redact) {
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
