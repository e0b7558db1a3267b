import { constants, type FileHandle, open, stat } from 'node:fs/promises';
import { InvalidInputError, PermissionDeniedError } from '@refmcp/core';
import { assertRegularFile, readSmallFile, SMALL_FILE_BYTES, statRegularFile } from './read-small.js';
import { CHUNK, type ReadAt, type ReadLimits, type TextWindow } from './text-bytes.js';
import { readForward } from './text-forward.js';
import { readTail } from './text-tail.js';

/**
 * Reading text by lines without reading more of the file than needed: head and ranges stream
 * from the start and stop early, tail reads backwards from the end. Lines end at `\n`; a final
 * `\n` ends the last line rather than starting an empty one. Content keeps its line endings.
 * Small files are read whole at once and sliced in memory, by the same code.
 */

export const BINARY_SAMPLE_BYTES = 8192;

export type LineRequest =
  | { mode: 'whole' }
  /** `offset` is the 1-based first line; without `limit`, read until the output cap. */
  | { mode: 'range'; offset: number; limit?: number }
  | { mode: 'tail'; count: number };

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
    // The binary check reads the start of the file, and a forward read starts there too: one
    // read of the first chunk serves both (a tail reads only the sample there).
    const firstBytes = request.mode === 'tail' ? BINARY_SAMPLE_BYTES : CHUNK;
    let first: Promise<Buffer> | undefined;
    const fromFile: ReadAt = async (position, length, scratch) => {
      if (position === 0 && length <= firstBytes) {
        first ??= fh
          .read(Buffer.allocUnsafe(firstBytes), 0, firstBytes, 0)
          .then(({ buffer, bytesRead }) => buffer.subarray(0, bytesRead));
        const head = await first;
        return head.subarray(0, Math.min(length, head.length));
      }
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
      `${display} is ${size} bytes, over the ${limits.maxFileSize}-byte limit for reading a whole file (--max-file-size).`,
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
