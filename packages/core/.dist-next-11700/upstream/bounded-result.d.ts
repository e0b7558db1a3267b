import type { AnyTool } from '../tool.js';
/**
 * Results stay far from the 10 MiB one MCP message may carry (the SDK's stdio reader, client side
 * too, drops the connection past it). Servers cut long texts where they read them (`cutText`);
 * this is the net for the whole result: when its JSON is over MAX_RESULT_BYTES, the
 * longest strings are shortened, each to the same length, until it fits. Every item of a list
 * stays, so paging still lines up; only texts get shorter, each with a marker saying how much.
 */
export declare const MAX_RESULT_BYTES: number;
/** `text` cut to `max` characters, with a marker saying how many were cut. */
export declare function cutText(text: string, max: number): string;
/**
 * `value` if its JSON fits in `maxBytes`, else a copy whose longest strings are cut to one length,
 * the longest that fits. Throws when even texts of MIN_TEXT_CHARS do not fit (too many items).
 */
export declare function fitResult<T>(value: T, { maxBytes, hint }?: {
    hint?: string | undefined;
    maxBytes?: number | undefined;
}): T;
/** The tool with its result passed through fitResult; `hint` names this server's ways to ask for less. */
export declare function withBoundedResult<Deps>(tool: AnyTool<Deps>, hint?: string): AnyTool<Deps>;
/** Each tool of an offer through `wrap`, keeping whatever else the offer carries besides its items. */
export declare function wrapTools<T>(offer: T[], wrap: (tool: T) => T): T[];
