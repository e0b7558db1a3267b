import { RawJson } from './raw-json.js';

/**
 * Removes known secret values (tokens, passwords) from text before it reaches a log line or a
 * client. Secrets are registered once at startup; matching is exact, so short values that would
 * redact ordinary words are ignored.
 */
export type Redactor = (text: string) => string;

const MIN_SECRET_LENGTH = 6;
const noSecrets: Redactor = (text) => text;

export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const values = secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
  if (values.length === 0) return noSecrets;
  // Longest first, so a secret that contains another is removed whole.
  values.sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of values) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    return out;
  };
}

/** True when `redact` can change nothing, so callers can skip walking large values. */
export const redactsNothing = (redact: Redactor): boolean => redact === noSecrets;

/**
 * Every string in `value` (object keys included) passed through `redact`; other values kept. Parts
 * with nothing to redact are returned as they are, not copied: a result of thousands of objects
 * (a page of messages) then costs a walk, not a second copy for the collector.
 */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  // Its strings as they decode: a secret with a quote or backslash is spelled otherwise in JSON.
  if (value instanceof RawJson) {
    const parsed: unknown = JSON.parse(value.text);
    const clean = redactDeep(parsed, redact);
    return (clean === parsed ? value : new RawJson(JSON.stringify(clean))) as T;
  }
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const clean = redactDeep(item, redact);
      if (out) out.push(clean);
      else if (clean !== item) out = [...value.slice(0, i), clean];
    }
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const keys = Object.keys(source);
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const cleanKey = redact(key);
      const item = source[key];
      const clean = redactDeep(item, redact);
      if (!out && (cleanKey !== key || clean !== item)) {
        out = {};
        for (const earlier of keys.slice(0, i)) define(out, earlier, source[earlier]);
      }
      if (out) define(out, cleanKey, clean);
    }
    return (out ?? value) as T;
  }
  return value;
}

/** An own property, even one named `__proto__` (which assignment would take as the prototype). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

interface Sender {
  send(message: never, options?: never): Promise<void>;
}

/**
 * Security: every message an instance sends (tool results with their structured content and extra
 * blocks, resource contents, prompts, log notices, error data) passes `redact`, whatever code built
 * it. Patched on the transport itself rather than wrapped, so the SDK keeps the object it knows.
 */
export function redactOutgoing<T extends Sender>(transport: T, redact: Redactor): T {
  if (redactsNothing(redact)) return transport;
  const send = transport.send.bind(transport) as (message: unknown, options?: unknown) => Promise<void>;
  (transport as { send: unknown }).send = (message: unknown, options?: unknown) =>
    send(redactDeep(message, redact), options);
  return transport;
}
