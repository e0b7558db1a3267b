import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { PermissionDeniedError, throwIfAborted } from '@refmcp/core';

export interface CopyCounts {
  files: number;
  directories: number;
  symlinks: number;
  bytes: number;
  /** Paths (relative to the copied root) of sockets, FIFOs and devices, which are not copied. */
  skipped: string[];
}

export interface CopyOptions {
  signal: AbortSignal;
  /** Called after each entry with the number of entries copied so far. */
  onEntry?: (copied: number) => void;
}

/**
 * Copies a file, a symlink or a whole directory tree to `target`, which must not exist.
 *
 * Symlinks are recreated as links with the same target text and never followed, so a link that
 * points outside the sandbox cannot make the copy read outside content. Directories are walked
 * with `lstat`, so the walk itself never leaves the source tree either.
 */
export async function copyEntry(source: string, target: string, options: CopyOptions): Promise<CopyCounts> {
  const counts: CopyCounts = { files: 0, directories: 0, symlinks: 0, bytes: 0, skipped: [] };
  await copyInto(source, target, '', counts, options);
  return counts;
}

async function copyInto(
  source: string,
  target: string,
  relative: string,
  counts: CopyCounts,
  options: CopyOptions,
): Promise<void> {
  throwIfAborted(options.signal);
  // Security: lstat, not stat: a symlink is copied as a link, never as what it points to.
  const stats = await lstat(source);
  if (stats.isSymbolicLink()) {
    await symlink(await readlink(source), target);
    counts.symlinks++;
  } else if (stats.isFile()) {
    await copyRegularFile(source, target, stats);
    counts.files++;
    counts.bytes += stats.size;
  } else if (stats.isDirectory()) {
    // Owner-writable while filling it; the source's mode is applied once the children are in.
    await mkdir(target, { mode: 0o700 });
    counts.directories++;
    const names = (await readdir(source)).sort();
    for (const name of names) {
      await copyInto(
        path.join(source, name),
        path.join(target, name),
        relative ? path.join(relative, name) : name,
        counts,
        options,
      );
    }
    await chmod(target, stats.mode & 0o7777);
  } else {
    counts.skipped.push(relative || path.basename(source));
    return;
  }
  options.onEntry?.(counts.files + counts.directories + counts.symlinks);
}

const COPY_CHUNK = 1024 * 1024;

/**
 * Copies one file through descriptors rather than copyFile(), which would follow a symlink swapped
 * in after the lstat above and copy whatever it points to.
 */
async function copyRegularFile(source: string, target: string, expected: Stats): Promise<void> {
  // Security: O_NOFOLLOW refuses a swapped-in symlink; the inode check catches any other swap.
  const input = await open(source, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ELOOP') throw error;
      throw new PermissionDeniedError(`${source} turned into a symlink while being copied.`);
    },
  );
  try {
    const opened = await input.stat();
    if (!opened.isFile() || opened.ino !== expected.ino || opened.dev !== expected.dev) {
      throw new PermissionDeniedError(`${source} was replaced while being copied.`);
    }
    const output = await open(target, 'wx', 0o600);
    try {
      const buffer = Buffer.allocUnsafe(COPY_CHUNK);
      for (;;) {
        const { bytesRead } = await input.read(buffer, 0, COPY_CHUNK, null);
        if (bytesRead === 0) break;
        for (let written = 0; written < bytesRead; ) {
          written += (await output.write(buffer, written, bytesRead - written)).bytesWritten;
        }
      }
      await output.chmod(expected.mode & 0o7777);
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
}

/** A hidden sibling name for building a copy before it is renamed into place. */
export function stagingPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Copies into a staging sibling and renames it into place, so a failed or cancelled copy leaves
 * nothing half-built at the destination. `replace` swaps out an existing destination; the old one
 * is restored if the final rename fails.
 */
export async function copyIntoPlace(
  source: string,
  destination: string,
  replace: boolean,
  options: CopyOptions,
): Promise<CopyCounts> {
  const staging = stagingPath(destination);
  try {
    const counts = await copyEntry(source, staging, options);
    await renameIntoPlace(staging, destination, replace);
    return counts;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function renameIntoPlace(staging: string, destination: string, replace: boolean): Promise<void> {
  // rename() replaces a file or link in one step; a directory must first be moved aside.
  const existing = replace ? await lstat(destination) : undefined;
  if (!existing?.isDirectory()) {
    await rename(staging, destination);
    return;
  }
  const aside = stagingPath(destination);
  await rename(destination, aside);
  try {
    await rename(staging, destination);
  } catch (error) {
    await rename(aside, destination);
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
}
