import { constants, type FileHandle, open, stat } from 'node:fs/promises';
import { InvalidInputError, PermissionDeniedError, throwIfAborted } from '@refmcp/core';

/**
 * Reading text by lines without reading more of the file than needed: head and ranges stream
 * from the start and stop early, tail reads backwards from the end. Lines end at `\n`; a final
 * `\n` ends the last line rather than starting an empty one. Content keeps its line endings.
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
  const stats = await stat(real);
  if (stats.isDirectory()) {
    throw new InvalidInputError(`${display} is a directory, not a file.`, {
      hint: 'Use list_directory to see its entries.',
    });
  }
  // A FIFO or device would block or never end; only regular files are read.
  if (!stats.isFile()) throw new InvalidInputError(`${display} is not a regular file.`);
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
  const fh = await openRegularFile(real, display);
  try {
    const { size } = await fh.stat();
    if (request.mode === 'whole' && size > limits.maxFileSize) {
      throw new InvalidInputError(
        `${display} is ${size} bytes, over the ${limits.maxFileSize}-byte limit for reading a whole file.`,
        { hint: 'Read part of it with head, tail, or offset and limit.' },
      );
    }
    const sample = Buffer.alloc(Math.min(BINARY_SAMPLE_BYTES, size));
    await fh.read(sample, 0, sample.length, 0);
    if (looksBinary(sample)) {
      throw new InvalidInputError(`${display} looks like a binary file, not UTF-8 text.`, {
        hint: 'Use read_media_file for images and audio; other binary formats cannot be read as text.',
      });
    }
    if (request.mode === 'tail') return await readTail(fh, size, request.count, limits);
    const offset = request.mode === 'range' ? request.offset : 1;
    const limit = request.mode === 'range' ? request.limit : undefined;
    const window = await readForward(fh, size, offset, limit, limits);
    if (window.totalLines !== undefined && offset > Math.max(1, window.totalLines)) {
      throw new InvalidInputError(
        `offset ${offset} is past the end of ${display}, which has ${window.totalLines} lines.`,
        { hint: 'Use a smaller offset, or tail to read the end.' },
      );
    }
    return window;
  } finally {
    await fh.close();
  }
}

async function readForward(
  fh: FileHandle,
  size: number,
  from: number,
  count: number | undefined,
  { maxBytes, signal }: ReadLimits,
): Promise<TextWindow> {
  const last = count === undefined ? Number.POSITIVE_INFINITY : from + count - 1;
  const kept: Buffer[] = [];
  let keptBytes = 0;
  const current: Buffer[] = []; // the line being read, not yet known to end or fit
  let currentBytes = 0;
  let line = 1;
  let pending = false; // bytes of `line` seen, its newline not yet
  let pos = 0;
  let stop: 'eof' | 'count' | 'cap' | undefined;
  let buf = Buffer.allocUnsafe(CHUNK);
  while (!stop) {
    throwIfAborted(signal);
    const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
    if (bytesRead === 0) {
      stop = 'eof';
      break;
    }
    const chunk = buf.subarray(0, bytesRead);
    const chunkStart = pos;
    pos += bytesRead;
    let referenced = false;
    let i = 0;
    while (i < chunk.length) {
      const nl = chunk.indexOf(NL, i);
      const end = nl === -1 ? chunk.length : nl + 1;
      pending = nl === -1;
      if (line >= from) {
        current.push(chunk.subarray(i, end));
        currentBytes += end - i;
        referenced = true;
        if (keptBytes + currentBytes > maxBytes) {
          stop = 'cap';
          break;
        }
      }
      if (nl === -1) break;
      kept.push(...current);
      keptBytes += currentBytes;
      current.length = 0;
      currentBytes = 0;
      i = end;
      line++;
      if (line > last) {
        // At the very end of the file the count is known for free.
        stop = chunkStart + end === size ? 'eof' : 'count';
        break;
      }
    }
    // Lines kept point into this chunk; only a chunk nothing points into can be reused.
    if (referenced) buf = Buffer.allocUnsafe(CHUNK);
  }

  if (stop === 'eof' && pending) {
    // The last line has no final newline; it still counts (and, if wanted, it fit).
    kept.push(...current);
    keptBytes += currentBytes;
    line++;
  }
  const decode = (parts: Buffer[]) => decodeText(Buffer.concat(parts), from === 1);
  if (stop !== 'cap') {
    return {
      content: decode(kept),
      startLine: from,
      endLine: Math.min(line - 1, last),
      ...(stop === 'eof' && { totalLines: line - 1 }),
      truncated: false,
    };
  }
  const remaining = (endLine: number) =>
    count === undefined || last <= endLine ? '' : `, limit: ${last - endLine}`;
  if (keptBytes === 0) {
    // One line longer than the cap: show its start, cut at a character boundary.
    const whole = Buffer.concat(current);
    const next = line + 1;
    return {
      content: decodeText(whole.subarray(0, utf8Boundary(whole, maxBytes)), from === 1),
      startLine: from,
      endLine: line,
      truncated: true,
      nextOffset: next,
      notice: `[Line ${line} is longer than the ${maxBytes}-byte output limit and was cut. Continue with offset: ${next}${remaining(line)}.]`,
    };
  }
  return {
    content: decode(kept),
    startLine: from,
    endLine: line - 1,
    truncated: true,
    nextOffset: line,
    notice: `[Output limit of ${maxBytes} bytes reached after line ${line - 1}. Continue with offset: ${line}${remaining(line - 1)}.]`,
  };
}

async function readTail(
  fh: FileHandle,
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
    const buf = Buffer.allocUnsafe(len);
    await fh.read(buf, 0, len, pos);
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
