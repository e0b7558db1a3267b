import type { CallToolResult, ContentBlock, McpServer, ServerContext } from '@modelcontextprotocol/server';
import type * as z from 'zod';
import type { Era, ServeOptions } from './app.js';
import { type AuditNote, subjectOf } from './audit.js';
import { clientCanAsk, confirmCall } from './confirm.js';
import { asToolError, CancelledError, describeError, InvalidInputError, TimeoutError } from './errors.js';
import { jsonFitsIn } from './json-size.js';
import { leanAnnotations } from './lean-schema.js';
import { echoToClient, type Logger } from './logger.js';
import { createProgressReporter } from './progress.js';
import { encodedText } from './raw-json.js';
import type { Redactor } from './redact.js';
import { type AnyTool, renderCompact, ToolReply } from './tool.js';
import { askToLink } from './upstream-auth/ask.js';
import { LinkRequiredError } from './upstream-auth/link-required.js';

// One tools/call from the SDK's handler to the result: confirmation, deadline, audit, rendering,
// size check, and errors turned into results the model can act on.

/**
 * What registering a tool needs that does not change between instances, made once per app: the
 * listed schemas (whose JSON Schema is then converted once, see lean-schema.ts) and the logger.
 */
export interface Prepared {
  inputSchema: z.ZodObject;
  outputSchema: z.ZodObject;
  log: Logger;
}

export interface Registration {
  era: Era;
  redact: Redactor;
  serve: ServeOptions;
  compact: boolean;
}

export function registerTool<Deps>(
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
        const given = returned instanceof ToolReply ? returned.text : undefined;
        const text = given ?? (tool.render ? tool.render(structured) : renderCompact(structured));
        const extra = returned instanceof ToolReply ? returned.content : [];
        checkResultSize(text, tool.render ? structured : undefined, extra);
        log.debug('call ok', { ms: Math.round(performance.now() - started) });
        audit?.end('ok');
        const shown = redact(text);
        // Its JSON only fits the text as it was: not once a secret has been taken out of it.
        if (returned instanceof ToolReply && returned.textJson !== undefined && shown === text) {
          encodedText(shown, returned.textJson);
        }
        return { content: [{ type: 'text', text: shown }, ...extra], structuredContent: structured };
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

/**
 * `structured` is left out when the text is its compact rendering (no `render`), so about the same
 * size: counting the text twice is close enough for a safety net.
 */
function checkResultSize(text: string, structured: unknown, extra: readonly ContentBlock[]): void {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: most results are clearly small without encoding.
  const textBound = text.length * 3 * (structured === undefined ? 2 : 1);
  if (
    extra.length === 0 &&
    textBound <= MAX_RESULT_BYTES &&
    (structured === undefined || jsonFitsIn(structured, MAX_RESULT_BYTES - textBound))
  )
    return;
  const structuredBytes =
    structured === undefined ? Buffer.byteLength(text) : Buffer.byteLength(JSON.stringify(structured));
  let bytes = Buffer.byteLength(text) + structuredBytes;
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
