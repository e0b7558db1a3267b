import { Transform } from 'node:stream';
/** The MCP SDK's stdio reader drops the whole connection past this many buffered bytes. */
export const STDIO_READ_LIMIT = 10 * 1024 * 1024;
/** The largest message we pass on: headroom for the chunk that arrives with it (stdin chunks are 64 KiB). */
export const STDIO_MESSAGE_LIMIT = STDIO_READ_LIMIT - 128 * 1024;
/** Enough of a line's start and end to find its JSON-RPC id (clients put it first or last). */
const EDGE_BYTES = 4096;
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
export function guardStdin(refuse, limit = STDIO_MESSAGE_LIMIT) {
    let lineBytes = 0;
    let head = Buffer.alloc(0);
    let tail = Buffer.alloc(0);
    let dropping = false;
    let pieces = [];
    return new Transform({
        transform(chunk, _encoding, done) {
            let start = 0;
            while (start < chunk.length) {
                const newline = chunk.indexOf(10, start);
                const end = newline === -1 ? chunk.length : newline + 1;
                const piece = chunk.subarray(start, end);
                if (head.length < EDGE_BYTES)
                    head = Buffer.concat([head, piece.subarray(0, EDGE_BYTES - head.length)]);
                tail = Buffer.concat([tail, piece.subarray(-EDGE_BYTES)]).subarray(-EDGE_BYTES);
                lineBytes += piece.length;
                if (!dropping && lineBytes > limit) {
                    dropping = true;
                    pieces = [];
                }
                if (!dropping)
                    pieces.push(piece);
                if (newline !== -1) {
                    if (dropping)
                        refuse(requestIdIn(head.toString('utf8'), tail.toString('utf8')), lineBytes);
                    else
                        this.push(pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, lineBytes));
                    pieces = [];
                    lineBytes = 0;
                    head = Buffer.alloc(0);
                    tail = Buffer.alloc(0);
                    dropping = false;
                }
                start = end;
            }
            done();
        },
    });
}
const ID = String.raw `"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")`;
/** The top-level id is the last member (`…,"id":7}`) or comes before any nested object opens. */
const ID_LAST = new RegExp(`,\\s*${ID}\\s*}\\s*$`);
const ID_FIRST = new RegExp(`^\\s*{[^{\\[]*?${ID}`);
/** The `"id"` of a JSON-RPC request from the start and end of its text; undefined if none is found. */
export function requestIdIn(head, tail) {
    const raw = ID_LAST.exec(tail)?.[1] ?? ID_FIRST.exec(head)?.[1];
    if (raw === undefined)
        return undefined;
    return raw.startsWith('"') ? JSON.parse(raw) : Number(raw);
}
