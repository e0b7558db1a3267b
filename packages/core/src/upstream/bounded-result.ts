import { InvalidInputError } from '../errors.js';
import { jsonFitsIn } from '../json-size.js';
import type { AnyTool } from '../tool.js';

/**
 * Results stay far from the 10 MiB one MCP message may carry (the SDK's stdio reader, client side
 * too, drops the connection past it). Servers cut long texts where they read them (`cutText`);
 * this is the net for the whole result: when its JSON is over MAX_RESULT_BYTES, the
 * longest strings are shortened, each to the same length, until it fits. Every item of a list
 * stays, so paging still lines up; only texts get shorter, each with a marker saying how much.
 */
export const MAX_RESULT_BYTES = 2 * 1024 * 1024;

const FEWER_ITEMS = 'Ask for fewer items at once (a smaller page, a narrower query or filter).';

/** Shorter than this, a text says too little: the list has too many items instead. */
const MIN_TEXT_CHARS = 200;
/** Room for the marker `cutText` appends, as JSON bytes. */
const MARKER_BYTES = 48;

/** `text` cut to `max` characters, with a marker saying how many were cut. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair: half a character is not valid UTF-8 on the wire.
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, end)}…[${(text.length - end).toLocaleString('en-US')} more characters cut]`;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

function eachString(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) eachString(item, visit);
  else if (isPlainObject(value)) for (const item of Object.values(value)) eachString(item, visit);
}

/** A copy with every string longer than `max` cut (the original may be a cached answer). */
function cutStrings(value: unknown, max: number): unknown {
  if (typeof value === 'string') return cutText(value, max);
  if (Array.isArray(value)) return value.map((item) => cutStrings(item, max));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cutStrings(item, max)]));
  }
  return value;
}

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '');

/**
 * `value` if its JSON fits in `maxBytes`, else a copy whose longest strings are cut to one length,
 * the longest that fits. Throws when even texts of MIN_TEXT_CHARS do not fit (too many items).
 */
export function fitResult<T>(value: T, { maxBytes = MAX_RESULT_BYTES, hint = FEWER_ITEMS } = {}): T {
  // Most results are far below the cap: a walk that over-counts says so without encoding them.
  if (jsonFitsIn(value, maxBytes)) return value;
  const total = jsonBytes(value);
  if (total <= maxBytes) return value;
  const strings: Array<{ chars: number; bytes: number }> = [];
  eachString(value, (s) => strings.push({ chars: s.length, bytes: jsonBytes(s) }));
  const rest = total - strings.reduce((sum, s) => sum + s.bytes, 0);
  // The JSON size once every string is cut to `limit` characters, estimated from each string's
  // own bytes per character (escapes and non-ASCII make some strings denser than others).
  const estimate = (limit: number) =>
    strings.reduce(
      (sum, s) => sum + (s.chars <= limit ? s.bytes : Math.ceil((s.bytes * limit) / s.chars) + MARKER_BYTES),
      rest,
    );
  let low = MIN_TEXT_CHARS;
  let high = strings.reduce((longest, s) => Math.max(longest, s.chars), low);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (estimate(mid) <= maxBytes) low = mid;
    else high = mid - 1;
  }
  for (let limit = low; ; limit = Math.max(MIN_TEXT_CHARS, Math.floor(limit * 0.8))) {
    const cut = cutStrings(value, limit) as T;
    if (jsonBytes(cut) <= maxBytes) return cut;
    if (limit === MIN_TEXT_CHARS) break;
  }
  throw new InvalidInputError(
    `The answer has too many items for one result, even with every text cut to ${MIN_TEXT_CHARS} characters.`,
    { hint },
  );
}

/** The tool with its result passed through fitResult; `hint` names this server's ways to ask for less. */
export function withBoundedResult<Deps>(tool: AnyTool<Deps>, hint?: string): AnyTool<Deps> {
  return {
    ...tool,
    handler: async (input, ctx) => fitResult(await tool.handler(input, ctx), hint ? { hint } : {}),
  };
}

/** Each tool of an offer through `wrap`, keeping whatever else the offer carries besides its items. */
export function wrapTools<T>(offer: T[], wrap: (tool: T) => T): T[] {
  const extra = Object.entries(offer).filter(([key]) => !/^\d+$/.test(key));
  return Object.assign(offer.map(wrap), Object.fromEntries(extra));
}
