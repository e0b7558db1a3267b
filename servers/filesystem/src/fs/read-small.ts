import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { InvalidInputError, PermissionDeniedError } from '@refmcp/core';

/**
 * Files up to this size are read whole with synchronous calls. Read asynchronously, a small file
 * costs seven round trips to libuv's thread pool (stat, open, fstat, sample, read, end, close), each
 * a thread hand-off; synchronously, from the page cache, the whole read takes tens of microseconds,
 * less than the round trips it replaces. Bigger files are streamed, so the event loop is never
 * held for long.
 */
export const SMALL_FILE_BYTES = 256 * 1024;

/** Throws unless `stats` describes a regular file. `display` names it in errors. */
export function assertRegularFile(stats: Stats, display: string): void {
  if (stats.isDirectory()) {
    throw new InvalidInputError(`${display} is a directory, not a file.`, {
      hint: 'Use list_directory to see its entries.',
    });
  }
  // A FIFO or device would block or never end; only regular files are read.
  if (!stats.isFile()) throw new InvalidInputError(`${display} is not a regular file.`);
}

/** Stats `real` (a path the sandbox resolved) and checks it is a regular file. */
export function statRegularFile(real: string, display: string): Stats {
  const stats = statSync(real);
  assertRegularFile(stats, display);
  return stats;
}

// Security: O_NOFOLLOW fails the open if the path was swapped for a symlink after the sandbox
// resolved it, so the file read is the one that was checked. O_NONBLOCK keeps a path swapped for a
// FIFO since the stat from blocking the open (and with it the event loop); fstat then refuses it.
// On regular files O_NONBLOCK changes nothing.
const SMALL_OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file whole if it holds at most `max` bytes, with one open, one fstat, the reads
 * and one close, all synchronous. Returns undefined when the file is (or has grown) larger than
 * `max`; the caller then streams it. The open file is checked to be a regular file.
 */
export function readSmallFile(real: string, display: string, max = SMALL_FILE_BYTES): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(real, SMALL_OPEN_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new PermissionDeniedError(`${display} changed into a symlink while being opened.`);
    }
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    assertRegularFile(stats, display);
    if (stats.size > max) return undefined;
    // One byte more than the size, so a single read shows the end; the next read confirms it.
    let buf = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (;;) {
      const got = readSync(fd, buf, length, buf.length - length, length);
      if (got === 0) break;
      length += got;
      if (length === buf.length) {
        // The file grew since fstat.
        if (length > max) return undefined;
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, length * 2));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
    }
    return buf.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
