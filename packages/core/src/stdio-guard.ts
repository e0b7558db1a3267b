/**
 * The largest message read over stdio: the SDK's own reader drops the whole connection past
 * 10 MiB buffered, and ours keeps the limit it had in front of that reader.
 */
export const STDIO_MESSAGE_LIMIT = 10 * 1024 * 1024 - 128 * 1024;
/** Enough of a line's start and end to find its JSON-RPC id (clients put it first or last). */
const EDGE_BYTES = 4096;

/**
 * Splits stdin's chunks into whole lines for the stdio transport. A message (one line) longer
 * than `limit` is not passed on: it is dropped and `refuse` is told the request's id so it can
 * answer with a JSON-RPC error. Without this, one oversized request (a 12 MB write_file) makes
 * the SDK's reader close the connection, and every later call of that client fails.
 *
 * Returns the function to call with each chunk. Lines go straight to `onLine` (with their
 * newline): the SDK's reader concatenates its buffer with every chunk and scans it for a newline
 * each time (quadratic work that held the event loop ~0.6 s for a 9 MiB message), and a stream
 * between the two (a Readable pushed to, or a Transform) cost a small call about as much as the
 * rest of the reading did.
 */
export function lineSplitter(
  onLine: (line: Buffer) => void,
  refuse: (id: string | number | undefined, bytes: number) => void,
  limit = STDIO_MESSAGE_LIMIT,
): (chunk: Buffer) => void {
  let pieces: Buffer[] = [];
  let lineBytes = 0;
  /** Set once the line is over the limit: its first and (so far) last bytes, to find its id. */
  let dropped: { head: Buffer; tail: Buffer } | undefined;

  const endLine = () => {
    const line = pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces, lineBytes);
    const over = dropped;
    const bytes = lineBytes;
    pieces = [];
    lineBytes = 0;
    dropped = undefined;
    if (over) refuse(requestIdIn(over.head.toString('utf8'), over.tail.toString('utf8')), bytes);
    else onLine(line);
  };

  return (chunk: Buffer) => {
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
  };
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
