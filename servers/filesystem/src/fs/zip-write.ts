import { constants, createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidInputError, PermissionDeniedError } from '@refmcp/core';
import { publishNewFile, tempSibling } from './archive-target.js';

/** One file to store: its name in the archive and what lstat said of it when it was chosen. */
export interface ZipSource {
  name: string;
  real: string;
  size: number;
  mode: number;
  mtime: Date;
  ino: number;
  dev: number;
}

export interface ArchiveCaps {
  maxBytes: number;
  maxEntries: number;
}

/** Refuses before anything is written when the sources exceed the caps. */
export function checkSourceCaps(sources: readonly ZipSource[], caps: ArchiveCaps): number {
  if (sources.length > caps.maxEntries) throw tooMany(sources.length, caps.maxEntries);
  const bytes = sources.reduce((sum, s) => sum + s.size, 0);
  if (bytes > caps.maxBytes) {
    throw new InvalidInputError(
      `The files hold ${bytes} bytes, over the ${caps.maxBytes}-byte cap on one archive (--max-archive-bytes).`,
      { hint: 'Archive fewer or smaller files (zip_directory takes a pattern).' },
    );
  }
  return bytes;
}

export function tooMany(count: number, max: number): InvalidInputError {
  return new InvalidInputError(
    `${count} entries, over the ${max}-entry cap on one archive (--max-archive-entries).`,
    { hint: 'Archive fewer files (zip_directory takes a pattern), or split the work.' },
  );
}

/**
 * Streams `sources` into a new zip at `target`, which must not exist. Memory stays at a few
 * buffers whatever the sizes: yazl reads one file at a time, and deflate runs on libuv's thread
 * pool, so the event loop only moves chunks. Each file is opened when its turn comes (never more
 * than one descriptor) and read for exactly the size it had when chosen. Cancelling (the client or
 * the tool timeout) stops the stream mid-file and removes the partial archive.
 */
export async function writeNewZip(
  target: string,
  sources: readonly ZipSource[],
  options: { signal: AbortSignal; onEntry?: (index: number) => void },
): Promise<number> {
  // Loaded on first use: the ZIP libraries are a few ms of every start that most sessions never need.
  const { ZipFile } = await import('yazl');
  const zip = new ZipFile();
  let current: Readable | undefined;
  sources.forEach((source, index) => {
    zip.addReadStreamLazy(
      source.name,
      { size: source.size, mode: source.mode, mtime: source.mtime },
      (callback: (error: unknown, stream: NodeJS.ReadableStream) => void) => {
        options.onEntry?.(index);
        openSource(source).then(
          (stream) => {
            current = stream;
            callback(null, stream);
          },
          (error: Error) => callback(error, Readable.from([])),
        );
      },
    );
  });
  zip.end();
  // yazl reports a source that failed or changed size on the ZipFile, not on its output stream.
  const output = zip.outputStream as Readable;
  zip.on('error', (error: Error) => output.destroy(error));

  const temp = tempSibling(target);
  let bytes = 0;
  try {
    // Security: 'wx' refuses a temp name that exists (a planted symlink cannot redirect the write).
    const out = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
    await pipeline(output, out, { signal: options.signal });
    bytes = out.bytesWritten;
    await publishNewFile(temp, target);
  } finally {
    current?.destroy();
    await rm(temp, { force: true });
  }
  return bytes;
}

async function openSource(source: ZipSource): Promise<Readable> {
  // Security: O_NOFOLLOW refuses a symlink swapped in since the file was chosen, O_NONBLOCK a FIFO;
  // the inode check catches any other swap, so only the file that was checked is stored.
  const handle = await open(
    source.real,
    constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ELOOP') throw error;
    throw new PermissionDeniedError(`${source.real} turned into a symlink while being archived.`);
  });
  const stats = await handle.stat();
  if (!stats.isFile() || stats.ino !== source.ino || stats.dev !== source.dev) {
    await handle.close();
    throw new PermissionDeniedError(`${source.real} was replaced while being archived.`);
  }
  if (source.size === 0) {
    await handle.close();
    return Readable.from([]);
  }
  // Exactly the size it had: a file that grows meanwhile cannot push the archive past its cap, and
  // one that shrinks fails yazl's size check.
  return handle.createReadStream({ start: 0, end: source.size - 1 });
}
