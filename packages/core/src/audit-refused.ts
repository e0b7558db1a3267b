import type { AuthInfo, JSONRPCMessage } from '@modelcontextprotocol/server';
import { type AuditLog, subjectFrom } from './audit.js';

interface Wire {
  sessionId?: string | undefined;
  send(message: never, options?: never): Promise<void>;
  onmessage?: ((message: never, extra?: never) => void) | undefined;
}

interface Pending {
  tool: string;
  args: unknown;
  subject: string;
}

/** Calls awaiting an answer on one transport; more than this (a client that never reads) are not tracked. */
const MAX_PENDING = 1024;

/**
 * Every tools/call leaves an audit record, including those the SDK answers before any handler of
 * ours runs: arguments that fail the input schema and unknown tools. Patched on the transport
 * (incoming call, outgoing answer), like redaction, because those answers never reach a handler.
 * A call a handler took is recorded there, with its outcome; it is recognised here by its answer.
 */
export function auditRefusedCalls<T extends Wire>(
  transport: T,
  audit: AuditLog,
  era: 'legacy' | 'modern',
): T {
  const pending = new Map<string | number, Pending>();
  let onmessage: ((message: JSONRPCMessage, extra?: { authInfo?: AuthInfo }) => void) | undefined;
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    get: () => onmessage && receive,
    set: (handler: typeof onmessage) => {
      onmessage = handler;
    },
  });
  const receive = (message: JSONRPCMessage, extra?: { authInfo?: AuthInfo }) => {
    if (
      'method' in message &&
      message.method === 'tools/call' &&
      'id' in message &&
      pending.size < MAX_PENDING
    ) {
      const params = (message.params ?? {}) as { name?: unknown; arguments?: unknown };
      pending.set(message.id, {
        tool: typeof params.name === 'string' ? params.name : '',
        args: params.arguments ?? {},
        subject: subjectFrom(extra?.authInfo, transport.sessionId),
      });
    }
    onmessage?.(message, extra);
  };
  const send = transport.send.bind(transport) as (
    message: JSONRPCMessage,
    options?: unknown,
  ) => Promise<void>;
  (transport as { send: unknown }).send = (message: JSONRPCMessage, options?: unknown) => {
    const id = 'id' in message && !('method' in message) ? message.id : undefined;
    const call = id === undefined ? undefined : pending.get(id);
    if (id !== undefined && call) {
      pending.delete(id);
      const outcome = refusal(message);
      if (outcome) audit.begin({ ...call, era }).end(outcome);
    }
    return send(message, options);
  };
  return transport;
}

/** The outcome of an answer no handler of ours gave, or undefined for one a handler gave (and recorded). */
function refusal(message: JSONRPCMessage): string | undefined {
  if ('error' in message)
    return /^Tool .+ (not found|is not offered)/.test(message.error.message)
      ? 'unknown_tool'
      : 'protocol_error';
  const result = (message as { result?: { isError?: boolean; content?: { type: string; text?: string }[] } })
    .result;
  const text = result?.isError ? result.content?.[0]?.text : undefined;
  return text?.startsWith('Input validation error') ? 'invalid_arguments' : undefined;
}
