import { throwIfAborted } from '@refmcp/core';
import { decodeText, NL, type ReadAt, type ReadLimits, type TextWindow, utf8Boundary } from './text-bytes.js';

/**
 * Lines `from` to `from + count - 1` (to the output cap without `count`), read from the start of
 * the file and stopping as soon as they are complete, or at the cap with a notice to continue.
 */
export async function readForward(
  readAt: ReadAt,
  size: number,
  from: number,
  count: number | undefined,
  { maxBytes, signal }: ReadLimits,
  chunkSize: number,
): Promise<TextWindow> {
  const last = count === undefined ? Number.POSITIVE_INFINITY : from + count - 1;
  // The lines wanted are contiguous in the file: they begin at offset `start` (once line `from`
  // is reached) and the complete ones that fit end at `keptEnd`. Chunks from the one holding
  // `start` on are held, to cut the content from.
  let start = -1;
  let keptEnd = -1;
  const held: Buffer[] = [];
  let heldStart = 0;
  let line = 1;
  let pending = false; // bytes of `line` seen, its newline not yet
  let pos = 0;
  let stop: 'eof' | 'count' | 'cap' | undefined;
  let buf: Buffer | undefined;
  const scratch = () => {
    buf ??= Buffer.allocUnsafe(chunkSize);
    return buf;
  };
  while (!stop) {
    throwIfAborted(signal);
    const chunk = await readAt(pos, chunkSize, scratch);
    if (chunk.length === 0) {
      stop = 'eof';
      break;
    }
    const chunkStart = pos;
    pos += chunk.length;
    let i = 0;
    for (;;) {
      if (start === -1 && line >= from) {
        start = chunkStart + i;
        heldStart = chunkStart;
      }
      const nl = chunk.indexOf(NL, i);
      if (nl === -1) {
        pending = i < chunk.length;
        break;
      }
      pending = false;
      const end = chunkStart + nl + 1;
      if (start !== -1) {
        if (end - start > maxBytes) {
          stop = 'cap';
          break;
        }
        keptEnd = end;
      }
      i = nl + 1;
      line++;
      if (line > last) {
        // At the very end of the file the count is known for free.
        stop = end === size ? 'eof' : 'count';
        break;
      }
    }
    if (start !== -1) {
      held.push(chunk);
      // Lines kept point into this chunk; only a chunk nothing points into can be reused.
      buf = undefined;
      // A wanted line still open past the cap cannot fit, however it ends.
      if (!stop && pos - start > maxBytes) stop = 'cap';
    }
  }

  if (stop === 'eof' && pending) {
    // The last line has no final newline; it still counts (and, if wanted, it fit).
    if (start !== -1) keptEnd = pos;
    line++;
  }
  /** File bytes from `a` to `b`, both inside the held chunks. */
  const bytes = (a: number, b: number): Buffer => {
    const whole = held.length === 1 ? held[0]! : Buffer.concat(held);
    return whole.subarray(a - heldStart, b - heldStart);
  };
  const content = () => (keptEnd > start ? decodeText(bytes(start, keptEnd), from === 1) : '');
  if (stop !== 'cap') {
    return {
      content: content(),
      startLine: from,
      endLine: Math.min(line - 1, last),
      ...(stop === 'eof' && { totalLines: line - 1 }),
      truncated: false,
    };
  }
  const remaining = (endLine: number) =>
    count === undefined || last <= endLine ? '' : `, limit: ${last - endLine}`;
  if (keptEnd === -1) {
    // One line longer than the cap: show its start, cut at a character boundary. The cap was
    // found past its first maxBytes + 1 bytes, which is all the cut looks at.
    const head = bytes(start, start + maxBytes + 1);
    const next = line + 1;
    return {
      content: decodeText(head.subarray(0, utf8Boundary(head, maxBytes)), from === 1),
      startLine: from,
      endLine: line,
      truncated: true,
      nextOffset: next,
      notice: `[Line ${line} is longer than the ${maxBytes}-byte output limit and was cut. Continue with offset: ${next}${remaining(line)}.]`,
    };
  }
  return {
    content: content(),
    startLine: from,
    endLine: line - 1,
    truncated: true,
    nextOffset: line,
    notice: `[Output limit of ${maxBytes} bytes reached after line ${line - 1}. Continue with offset: ${line}${remaining(line - 1)}.]`,
  };
}
