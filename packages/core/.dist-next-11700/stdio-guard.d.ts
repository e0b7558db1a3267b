import { Transform } from 'node:stream';
/** The MCP SDK's stdio reader drops the whole connection past this many buffered bytes. */
export declare const STDIO_READ_LIMIT: number;
/** The largest message we pass on: headroom for the chunk that arrives with it (stdin chunks are 64 KiB). */
export declare const STDIO_MESSAGE_LIMIT: number;
/**
 * Sits between stdin and the SDK's stdio transport and hands it whole lines. A message (one line)
 * longer than `limit` is not passed on: it is dropped and `refuse` is told the request's id so it
 * can answer with a JSON-RPC error. Without this, one oversized request (a 12 MB write_file) makes
 * the SDK close the connection, and every later call of that client fails.
 *
 * Whole lines, because the SDK's reader concatenates its buffer with every 64 KiB chunk and scans
 * it for a newline each time: quadratic work that held the event loop ~0.6 s for a 9 MiB message.
 * One push per line makes that a single copy.
 */
export declare function guardStdin(refuse: (id: string | number | undefined, bytes: number) => void, limit?: number): Transform;
/** The `"id"` of a JSON-RPC request from the start and end of its text; undefined if none is found. */
export declare function requestIdIn(head: string, tail: string): string | number | undefined;
