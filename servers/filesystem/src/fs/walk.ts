import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { throwIfAborted } from '@refmcp/core';
import {
  type IgnoreLayer,
  isIgnored,
  layerBelow,
  layersAbove,
  parseGitignore,
  readGitignore,
} from './gitignore.js';
import { compileExcludes } from './match.js';

export const ENTRY_TYPES = ['file', 'directory', 'symlink', 'other'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export interface WalkEntry {
  name: string;
  /** Absolute path. */
  path: string;
  /** Relative to the walk root, '/'-separated. */
  rel: string;
  /** `rel` of the containing directory; '' for the root. */
  parentRel: string;
  type: EntryType;
  /** 1 for the root's own entries. */
  depth: number;
}

export interface WalkOptions {
  /** Deepest level visited; 1 visits only the root's own entries. */
  maxDepth?: number;
  /** Added to the default excludes; see compileExcludes for the syntax. */
  excludePatterns?: readonly string[];
  /** Skip .git and node_modules (default true). */
  defaultExcludes?: boolean;
  /** Skip directories whose name starts with '.' (.venv, .cache, .git) below the root (default false). */
  skipDotDirectories?: boolean;
  respectGitignore?: boolean;
  /** Highest directory whose .gitignore may apply to the root (the allowed directory). */
  gitignoreCeiling?: string;
  signal?: AbortSignal;
  /** Called with the number of entries visited so far, every `progressEvery` entries. */
  onProgress?: (entries: number) => void;
  progressEvery?: number;
  /** Called when a directory's listing is processed ('' for the root). */
  onDirectory?: (rel: string) => void;
  /** Directory reads in flight at once. */
  concurrency?: number;
}

export interface WalkStats {
  /** Entries passed to the visitor. */
  entries: number;
  directoriesRead: number;
  /** Directories that vanished or could not be read mid-walk; skipped. */
  unreadable: number;
  /** The visitor asked to stop. */
  stopped: boolean;
}

/** Return false to end the walk; return a promise to make the walk wait (backpressure). */
export type Visitor = (entry: WalkEntry) => undefined | boolean | Promise<undefined | boolean>;

interface Listing {
  dirents?: Dirent[];
  gitignore?: string;
  error?: unknown;
}

interface DirJob {
  path: string;
  rel: string;
  depth: number;
  layers: readonly IgnoreLayer[];
  listing?: Promise<Listing>;
}

const DEFAULT_CONCURRENCY = 16;
/**
 * Longest the walk holds the event loop before letting other requests run. Listings read ahead
 * are often settled already, so awaiting them does not yield; a huge tree or directory would
 * otherwise keep pings, other users' calls and the tool timeout waiting until the walk ends.
 */
const SLICE_MS = 20;

export function entryType(d: Dirent): EntryType {
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'directory';
  if (d.isSymbolicLink()) return 'symlink';
  return 'other';
}

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

async function list(dir: string, withGitignore: boolean): Promise<Listing> {
  try {
    const dirents = await readdir(dir, { withFileTypes: true });
    if (!withGitignore) return { dirents };
    const marker = dirents.find((d) => d.name === '.gitignore' && d.isFile());
    if (!marker) return { dirents };
    const gitignore = await readGitignore(path.join(dir, '.gitignore'));
    return gitignore === undefined ? { dirents } : { dirents, gitignore };
  } catch (error) {
    // Never rejects: reads run ahead of the consumer, and one it abandons must not go unhandled.
    return { error };
  }
}

/**
 * Breadth-first walk of the real directory `root` (already resolved through the sandbox).
 *
 * Directory reads run in parallel but are consumed in queue order with entries sorted by name, so
 * the visiting order, and therefore any truncation, is deterministic. One `readdir` per directory
 * and no `stat` per entry. Symlinks are reported as `symlink` and never followed, so the walk
 * cannot leave the tree it started in. Excluded and ignored directories are never read.
 */
export async function walk(root: string, options: WalkOptions, visit: Visitor): Promise<WalkStats> {
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const progressEvery = options.progressEvery ?? 256;
  const { signal, onProgress, onDirectory } = options;
  const excluded = compileExcludes(options.excludePatterns ?? [], options.defaultExcludes ?? true);
  const gitignore = options.respectGitignore ?? false;
  const skipDot = options.skipDotDirectories ?? false;
  const stats: WalkStats = { entries: 0, directoriesRead: 0, unreadable: 0, stopped: false };

  const rootLayers =
    gitignore && options.gitignoreCeiling ? await layersAbove(root, options.gitignoreCeiling) : [];
  const queue: Array<DirJob | undefined> = [{ path: root, rel: '', depth: 0, layers: rootLayers }];
  let head = 0;
  let started = 0;
  let sliceStart = performance.now();
  let examined = 0;
  const yieldIfDue = async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await nextTurn();
    sliceStart = performance.now();
    if (signal) throwIfAborted(signal);
  };

  while (head < queue.length) {
    while (started < queue.length && started - head < concurrency) {
      const job = queue[started++]!;
      job.listing = list(job.path, gitignore);
    }
    await yieldIfDue();
    const job = queue[head]!;
    // Free the slot: a long walk should not keep every finished directory alive.
    queue[head++] = undefined;
    const listing = await job.listing!;
    if (signal) throwIfAborted(signal);
    if (!listing.dirents) {
      if (job.depth === 0) throw listing.error;
      stats.unreadable++;
      continue;
    }
    stats.directoriesRead++;
    onDirectory?.(job.rel);

    let layers = job.layers;
    if (listing.gitignore !== undefined) {
      const rules = parseGitignore(listing.gitignore);
      if (rules) layers = [...layers, layerBelow(rules, job.rel)];
    }
    const depth = job.depth + 1;
    const prefix = job.rel === '' ? '' : `${job.rel}/`;
    const dirPrefix = job.path.endsWith(path.sep) ? job.path : job.path + path.sep;
    const dirents = listing.dirents.sort(byName);
    for (const d of dirents) {
      if (++examined % 64 === 0) await yieldIfDue();
      const name = d.name;
      const rel = prefix + name;
      const type = entryType(d);
      const isDir = type === 'directory';
      if (excluded?.(rel, name, isDir)) continue;
      if (skipDot && isDir && name.charCodeAt(0) === 0x2e) continue;
      if (layers.length > 0 && isIgnored(layers, rel, isDir)) continue;
      const full = dirPrefix + name;
      stats.entries++;
      if (stats.entries % progressEvery === 0) {
        onProgress?.(stats.entries);
        if (signal) throwIfAborted(signal);
      }
      let verdict = visit({ name, path: full, rel, parentRel: job.rel, type, depth });
      if (verdict instanceof Promise) verdict = await verdict;
      if (verdict === false) {
        stats.stopped = true;
        return stats;
      }
      // Security: only real directories are queued. A symlink (type 'symlink', from lstat-like
      // dirent data) is never read through, so the walk cannot leave the tree the sandbox resolved.
      if (isDir && depth < maxDepth) queue.push({ path: full, rel, depth, layers });
    }
  }
  return stats;
}
