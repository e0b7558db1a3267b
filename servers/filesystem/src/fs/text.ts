import { constants, type FileHandle, open, stat } from 'node:fs/promises';
import { InvalidInputError, PermissionDeniedError, throwIfAborted } from '@refmcp/core';
import { assertRegularFile, readSmallFile, SMALL_FILE_BYTES, statRegularFile } from './read-small.js';

/**
 * Reading text by lines without reading more of the file than needed: head and ranges stream
 * from the start and stop early, tail reads backwards from the end. Lines end at `\n`; a final
 * `\n` ends the last line rather than starting an empty one. Content keeps its line endings.
 * Small files are read whole at once and sliced in memory, by the same code.
 */

const CHUNK = 64 * 1024;
const NL = 0x0a;
export const BINARY_SAMPLE_BYTES = 8192;

export type LineRequest =
  | { mode: 'whole' }
  /** `offset` is the 1-based first line; without `limit`, read until the output cap. */
  | { mode: 'range'; offset: number; limit?: number }
  | { mode: 'tail'; count: number };

export interface TextWindow {
  content: string;
  /** 1-based; absent for a tail of a file too large to have been read from its start. */
  startLine?: number;
  endLine?: number;
  totalLines?: number;
  truncated: boolean;
  /** The line to pass as `offset` to read what the cap left out. */
  nextOffset?: number;
  /** Says why the content stops early and how to continue; present when truncated. */
  notice?: string;
}

export interface ReadLimits {
  maxFileSize: number;
  maxBytes: number;
  signal: AbortSignal;
}

/**
 * Bytes of the file from `position`, at most `length`; fewer (or none) only at its end. A file
 * source reads into `scratch()`; an in-memory source returns a view of what it holds.
 */
type ReadAt = (position: number, length: number, scratch: () => Buffer) => Buffer | Promise<Buffer>;

/** Text or binary, judged from the first bytes: any NUL, or mostly invalid UTF-8. */
export function looksBinary(sample: Uint8Array): boolean {
  if (sample.length === 0) return false;
  if (sample.includes(0)) return true;
  // `stream` holds back a character cut by the end of the sample instead of calling it invalid.
  const text = new TextDecoder('utf-8').decode(sample, { stream: true });
  const invalid = text.match(/\uFFFD/g)?.length ?? 0;
  return invalid * 10 > text.length;
}

/** Opens a regular file for reading. `display` names it in errors. */
export async function openRegularFile(real: string, display: string): Promise<FileHandle> {
  assertRegularFile(await stat(real), display);
  return openNoFollow(real, display);
}

async function openNoFollow(real: string, display: string): Promise<FileHandle> {
  try {
    // Security: O_NOFOLLOW fails the open if the path was swapped for a symlink after the sandbox
    // resolved it, so the file read is the one that was checked.
    return await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new PermissionDeniedError(`${display} changed into a symlink while being opened.`);
    }
    throw error;
  }
}

/** Reads the requested lines of a text file, refusing binary files. */
export async function readTextWindow(
  real: string,
  display: string,
  request: LineRequest,
  limits: ReadLimits,
): Promise<TextWindow> {
  const { size } = statRegularFile(real, display);
  if (size <= SMALL_FILE_BYTES) {
    const data = readSmallFile(real, display);
    if (data) {
      const fromMemory: ReadAt = (position, length) =>
        data.subarray(position, Math.min(position + length, data.length));
      // Read forward in one piece: the lines are then views of `data`, never copied.
      return windowOf(fromMemory, data.length, display, request, limits, data.length);
    }
    // It grew past the small-file size since the stat: stream it.
  }
  const fh = await openNoFollow(real, display);
  try {
    const fromFile: ReadAt = async (position, length, scratch) => {
      const buf = scratch();
      const { bytesRead } = await fh.read(buf, 0, length, position);
      return buf.subarray(0, bytesRead);
    };
    return await windowOf(fromFile, (await fh.stat()).size, display, request, limits, CHUNK);
  } finally {
    await fh.close();
  }
}

async function windowOf(
  readAt: ReadAt,
  size: number,
  display: string,
  request: LineRequest,
  limits: ReadLimits,
  forwardChunk: number,
): Promise<TextWindow> {
  if (request.mode === 'whole' && size > limits.maxFileSize) {
    throw new InvalidInputError(
      `${display} is ${size} bytes, over the ${limits.maxFileSize}-byte limit for reading a whole file.`,
      { hint: 'Read part of it with head, tail, or offset and limit.' },
    );
  }
  const sampleBytes = Math.min(BINARY_SAMPLE_BYTES, size);
  const sample = await readAt(0, sampleBytes, () => Buffer.allocUnsafe(sampleBytes));
  if (looksBinary(sample)) {
    throw new InvalidInputError(`${display} looks like a binary file, not UTF-8 text.`, {
      hint: 'Use read_media_file for images and audio; other binary formats cannot be read as text.',
    });
  }
  if (request.mode === 'tail') return readTail(readAt, size, request.count, limits);
  const offset = request.mode === 'range' ? request.offset : 1;
  const limit = request.mode === 'range' ? request.limit : undefined;
  const window = await readForward(readAt, size, offset, limit, limits, forwardChunk);
  if (window.totalLines !== undefined && offset > Math.max(1, window.totalLines)) {
    throw new InvalidInputError(
      `offset ${offset} is past the end of ${display}, which has ${window.totalLines} lines.`,
      { hint: 'Use a smaller offset, or tail to read the end.' },
    );
  }
  return window;
}

async function readForward(
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

async function readTail(
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

/** UTF-8 to string; a byte-order mark is dropped only where it is one: at the start of the file. */
function decodeText(bytes: Uint8Array, atFileStart: boolean): string {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return atFileStart && text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function countNewlines(buf: Uint8Array): number {
  let n = 0;
  for (let at = buf.indexOf(NL); at !== -1; at = buf.indexOf(NL, at + 1)) n++;
  return n;
}

function countLines(buf: Uint8Array): number {
  const newlines = countNewlines(buf);
  return buf.length > 0 && buf[buf.length - 1] !== NL ? newlines + 1 : newlines;
}

/** Largest end <= max that does not split a UTF-8 character. */
function utf8Boundary(buf: Uint8Array, max: number): number {
  let end = Math.min(max, buf.length);
  while (end > 0 && end < buf.length && (buf[end]! & 0xc0) === 0x80) end--;
  return end;
}

/** Smallest start >= min that does not begin inside a UTF-8 character. */
function utf8Start(buf: Uint8Array, min: number): number {
  let start = Math.max(0, min);
  while (start < buf.length && (buf[start]! & 0xc0) === 0x80) start++;
  return start;
}
