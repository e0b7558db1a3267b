import { createWriteStream } from 'node:fs';
import { chmod, lstat, mkdir, realpath, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidInputError, PermissionDeniedError, throwIfAborted } from '@refmcp/core';
import { isWithin } from '@refmcp/core/sandbox';
import { tempSibling } from './archive-target.js';
import type { ExtractionPlan, PlannedEntry } from './unzip-plan.js';

export interface ExtractionCounts {
  files: number;
  directories: number;
  bytes: number;
  /** Files that existed and were replaced. */
  replaced: number;
}

export interface ExtractOptions {
  /** Most bytes written in all; counted from the decompressed data, not from the headers. */
  maxBytes: number;
  signal: AbortSignal;
  /** Must hold for the real path of every directory written into (the sandbox). */
  allowed: (real: string) => boolean;
  onEntry?: (index: number, total: number) => void;
}

/**
 * Writes the planned entries under `root` (a real directory inside the sandbox), one at a time.
 * Each file is decompressed into a temp file beside its destination and renamed into place, so a
 * reader sees the old file or the new one, never half of one; a failure stops the extraction and
 * leaves the files already written. Directories are created one component at a time with lstat,
 * never mkdir -p, so no existing symlink inside the target can carry an entry elsewhere.
 */
export async function extractPlan(
  plan: ExtractionPlan,
  root: string,
  options: ExtractOptions,
): Promise<ExtractionCounts> {
  const counts: ExtractionCounts = { files: 0, directories: 0, bytes: 0, replaced: 0 };
  const total = plan.entries.length;
  for (const [index, planned] of plan.entries.entries()) {
    throwIfAborted(options.signal);
    options.onEntry?.(index, total);
    if (planned.kind === 'directory') {
      await directoryInside(root, planned.parts, options.allowed);
      counts.directories++;
      continue;
    }
    const parent = await directoryInside(root, planned.parts.slice(0, -1), options.allowed);
    const destination = path.join(parent, planned.parts.at(-1)!);
    const existing = await lstat(destination).catch(() => undefined);
    if (existing?.isDirectory()) {
      throw new InvalidInputError(
        `${planned.entry.fileName} would replace the directory ${destination}; extraction stopped there.`,
      );
    }
    counts.bytes += await writeEntry(plan, planned, destination, counts.bytes, options);
    counts.files++;
    if (existing) counts.replaced++;
  }
  return counts;
}

async function writeEntry(
  plan: ExtractionPlan,
  planned: PlannedEntry,
  destination: string,
  before: number,
  { maxBytes, signal }: ExtractOptions,
): Promise<number> {
  const temp = tempSibling(destination);
  let written = 0;
  // Security (zip bombs): the decompressed bytes themselves are counted, so an archive whose
  // headers understate its sizes is stopped at the cap, not when the disk is full.
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      written += chunk.length;
      if (before + written > maxBytes) {
        callback(
          new InvalidInputError(
            `The archive expands past the ${maxBytes}-byte cap on one extraction (--max-archive-bytes), ` +
              `more than its headers claim; stopped at ${planned.entry.fileName}, which was not written.`,
          ),
        );
        return;
      }
      callback(null, chunk);
    },
  });
  try {
    const stream = await plan.zip.openReadStreamPromise(planned.entry);
    // Security: 'wx' refuses a temp name that exists, so a planted symlink cannot redirect the write.
    await pipeline(stream, counter, createWriteStream(temp, { flags: 'wx', mode: 0o600 }), { signal });
    await chmod(temp, planned.mode);
    // rename(2) replaces a file or a symlink at the destination itself, never what a link points to.
    await rename(temp, destination);
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof InvalidInputError || (error as Error).name === 'AbortError') throw error;
    throw new InvalidInputError(`Could not extract ${planned.entry.fileName}: ${(error as Error).message}.`);
  }
  return written;
}

/**
 * The real directory `root/parts...`, created as needed. Security: every component is checked
 * with lstat; a symlink or a file on the way refuses the entry, and the result's real path must
 * still lie inside `root` and the sandbox (a component swapped for a link meanwhile is caught).
 */
export async function directoryInside(
  root: string,
  parts: readonly string[],
  allowed: (real: string) => boolean,
): Promise<string> {
  let current = root;
  for (const part of parts) {
    const next = path.join(current, part);
    let stats = await lstat(next).catch(() => undefined);
    if (!stats) {
      await mkdir(next).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      stats = await lstat(next);
    }
    if (stats.isSymbolicLink()) {
      throw new PermissionDeniedError(`${next} is a symlink; extraction never writes through one.`);
    }
    if (!stats.isDirectory()) {
      throw new InvalidInputError(`${next} exists and is not a directory; extraction stopped there.`);
    }
    current = next;
  }
  const real = await realpath(current);
  if (!isWithin(real, root) || !allowed(real)) {
    throw new PermissionDeniedError(`${current} resolves outside the extraction target; refused.`);
  }
  return real;
}

/**
 * How many files of the plan already exist under `root` and would be replaced. Looks with lstat
 * only, component by component, and stops at a symlink, so it never reports on anything outside.
 */
export async function countExisting(
  plan: ExtractionPlan,
  root: string,
): Promise<{ count: number; names: string[] }> {
  let count = 0;
  const names: string[] = [];
  for (const planned of plan.entries) {
    if (planned.kind !== 'file') continue;
    let current = root;
    let reachable = true;
    for (const part of planned.parts.slice(0, -1)) {
      current = path.join(current, part);
      const stats = await lstat(current).catch(() => undefined);
      if (!stats?.isDirectory()) {
        reachable = false;
        break;
      }
    }
    if (!reachable) continue;
    const stats = await lstat(path.join(current, planned.parts.at(-1)!)).catch(() => undefined);
    if (stats && !stats.isDirectory()) {
      count++;
      if (names.length < 5) names.push(planned.parts.join('/'));
    }
  }
  return { count, names };
}
