import { Readable } from 'node:stream';

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
 *
 * A plain Readable fed from the source's `data` events rather than a Transform piped from it:
 * every message crosses this, and a Transform's write side (buffering, callbacks, a tick per
 * chunk) cost a small call about as much as the rest of the reading did.
 */
export function guardStdin(
  source: Readable,
  refuse: (id: string | number | undefined, bytes: number) => void,
  limit = STDIO_MESSAGE_LIMIT,
): Readable {
  // Pushed to from the source's events; nothing to do when the reader asks for more.
  const lines = new Readable({ read() {} });
  let pieces: Buffer[] = [];
  let lineBytes = 0;
  /** Set once the line is over the limit: its first and (so far) last bytes, to find its id. */
  let dropped: { head: Buffer; tail: Buffer } | undefined;

  const endLine = () => {
    if (dropped) refuse(requestIdIn(dropped.head.toString('utf8'), dropped.tail.toString('utf8')), lineBytes);
    else lines.push(pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, lineBytes));
    pieces = [];
    lineBytes = 0;
    dropped = undefined;
  };

  source.on('data', (chunk: Buffer) => {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline + 1;
      const piece = start === 0 && end === chunk.length ? chunk : chunk.subarray(start, end);
      lineBytes += piece.length;
      if (dropped) {
        dropped.tail = lastBytes(Buffer.concat([dropped.tail, piece.subarray(-EDGE_BYTES)]));
      } else {
        pieces.push(piece);
        if (lineBytes > limit) {
          // Once per oversized line: what was kept is copied once, then let go.
          const whole = Buffer.concat(pieces, lineBytes);
          dropped = { head: Buffer.from(whole.subarray(0, EDGE_BYTES)), tail: lastBytes(whole) };
          pieces = [];
        }
      }
      if (newline !== -1) endLine();
      start = end;
    }
  });
  source.once('end', () => lines.push(null));
  source.once('error', (error) => lines.destroy(error));
  return lines;
}

/** A copy of the last EDGE_BYTES, so a dropped line's bytes are not kept alive by a view. */
function lastBytes(buffer: Buffer): Buffer {
  return Buffer.from(buffer.subarray(-EDGE_BYTES));
}

const ID = String.raw`"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")`;
/** The top-level id is the last member (`…,"id":7}`) or comes before any nested object opens. */
const ID_LAST = new RegExp(`,\\s*${ID}\\s*}\\s*$`);
const ID_FIRST = new RegExp(`^\\s*{[^{\\[]*?${ID}`);

/** The `"id"` of a JSON-RPC request from the start and end of its text; undefined if none is found. */
export function requestIdIn(head: string, tail: string): string | number | undefined {
  const raw = ID_LAST.exec(tail)?.[1] ?? ID_FIRST.exec(head)?.[1];
  if (raw === undefined) return undefined;
  return raw.startsWith('"') ? (JSON.parse(raw) as string) : Number(raw);
}
