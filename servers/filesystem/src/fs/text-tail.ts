import { throwIfAborted } from '@refmcp/core';
import {
  CHUNK,
  countLines,
  countNewlines,
  decodeText,
  NL,
  type ReadAt,
  type ReadLimits,
  type TextWindow,
  utf8Start,
} from './text-bytes.js';

/**
 * The last `count` lines, read backwards from the end in chunks, so a tail of a huge file costs
 * about what it returns. Line numbers are known only when the read reached the file's start.
 */
export async function readTail(
  readAt: ReadAt,
  size: number,
  count: number,
  { maxBytes, signal }: ReadLimits,
): Promise<TextWindow> {
  // The newline ending the file terminates the last line; it is not a line break to count.
  const searchEnd = size - 1;
  const chunks: Buffer[] = [];
  let pos = size;
  let found = 0;
  let start: number | undefined; // file offset where the requested lines begin
  while (start === undefined && pos > 0 && size - pos <= maxBytes) {
    throwIfAborted(signal);
    const len = Math.min(CHUNK, pos);
    pos -= len;
    const buf = await readAt(pos, len, () => Buffer.allocUnsafe(len));
    chunks.unshift(buf);
    for (let at = buf.lastIndexOf(NL, len - 1); at !== -1; at = at === 0 ? -1 : buf.lastIndexOf(NL, at - 1)) {
      if (pos + at === searchEnd) continue;
      if (++found === count) {
        start = pos + at + 1;
        break;
      }
    }
  }
  if (start === undefined && pos === 0) start = 0; // fewer lines than asked for: all of them
  const data = Buffer.concat(chunks); // file bytes from `pos` to the end
  let truncated = false;
  let cutLine = false;
  if (start === undefined || size - start > maxBytes) {
    // Keep the last lines that fit: start after the first line break in the final maxBytes.
    truncated = true;
    const limitAt = size - maxBytes; // first byte that may be shown
    const nl = data.indexOf(NL, limitAt - 1 - pos);
    if (nl !== -1 && pos + nl < searchEnd) start = pos + nl + 1;
    else {
      cutLine = true;
      start = pos + utf8Start(data, limitAt - pos);
    }
  }
  const window = data.subarray(start - pos);
  const shown = countLines(window);
  const known = pos === 0;
  const before = known ? countNewlines(data.subarray(0, start - pos)) : 0;
  const total = known ? countLines(data) : undefined;
  const content = decodeText(window, start === 0);
  const result: TextWindow = {
    content,
    ...(known && { startLine: before + 1, endLine: before + shown, totalLines: total }),
    truncated,
  };
  if (!truncated) return result;
  if (cutLine) {
    result.notice = `[The last line is longer than the ${maxBytes}-byte output limit; showing only its end.]`;
    return result;
  }
  const omittedFrom = known && total !== undefined ? Math.max(1, total - count + 1) : undefined;
  if (omittedFrom !== undefined) result.nextOffset = omittedFrom;
  result.notice =
    `[Only the last ${shown} of the ${count} requested lines fit in the ${maxBytes}-byte output limit.` +
    (omittedFrom !== undefined
      ? ` Read the rest with offset: ${omittedFrom}, limit: ${count - shown}.]`
      : ' Read earlier lines with offset and limit.]');
  return result;
}
