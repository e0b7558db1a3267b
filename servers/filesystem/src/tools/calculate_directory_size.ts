import { lstat } from 'node:fs/promises';
import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { countOf } from '../count-of.js';
import { defineTool, type FsContext } from '../deps.js';
import { humanSize } from '../fs/human-size.js';
import { mapLimit } from '../fs/pool.js';
import { walk } from '../fs/walk.js';
import { resolveDirectory } from '../fs/walk-input.js';

/** Files whose sizes are looked up together, and how many lookups are in flight at once. */
const BATCH = 256;
const CONCURRENCY = 32;

export default defineTool({
  name: 'calculate_directory_size',
  title: 'Calculate directory size',
  description:
    'Total size in bytes of the files under a directory, recursively; nothing skipped (.git and node_modules count). Symlinks are counted, not followed. output_format: "human-readable" (default, 1024-based: "1.5 MB") or "bytes".',
  inputSchema: z.object({
    root_path: z.string().describe('Directory to measure'),
    output_format: z.enum(['human-readable', 'bytes']).default('human-readable').describe('How size reads'),
  }),
  outputSchema: z.object({
    path: z.string(),
    bytes: z.number().describe('Sum of file sizes'),
    size: z.string().describe('In output_format'),
    files: z.number(),
    directories: z.number(),
    symlinks: z.number(),
    unreadable: z.number().describe('Unreadable entries, not counted'),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ root_path, output_format }, ctx: FsContext) => {
    const real = await resolveDirectory(ctx, root_path);
    const totals = { bytes: 0, files: 0, directories: 0, symlinks: 0, unreadable: 0 };
    let batch: string[] = [];
    const measure = async (paths: string[]) => {
      const sizes = await mapLimit(
        paths,
        CONCURRENCY,
        (file) =>
          lstat(file).then(
            (stats) => (stats.isFile() ? stats.size : 0),
            () => undefined,
          ),
        ctx.signal,
      );
      for (const size of sizes) {
        if (size === undefined) totals.unreadable++;
        else totals.bytes += size;
      }
    };
    const stats = await walk(
      real,
      {
        signal: ctx.signal,
        // Nothing is skipped: the answer is what the directory weighs on disk.
        defaultExcludes: false,
        respectGitignore: false,
        skipDotDirectories: false,
        onProgress: (n) => ctx.progress(n, undefined, `${n} entries so far`),
      },
      (entry) => {
        if (entry.type === 'directory') totals.directories++;
        else if (entry.type === 'symlink') totals.symlinks++;
        else if (entry.type === 'file') {
          totals.files++;
          batch.push(entry.path);
          if (batch.length === BATCH) {
            const full = batch;
            batch = [];
            // Returning the promise makes the walk wait: memory stays at one batch.
            return measure(full).then(() => undefined);
          }
        }
        return undefined;
      },
    );
    await measure(batch);
    totals.unreadable += stats.unreadable;
    const size = output_format === 'bytes' ? String(totals.bytes) : humanSize(totals.bytes);
    return { path: real, size, ...totals };
  },
  render: ({ path, size, files, directories, unreadable }) =>
    `${path}: ${size} in ${countOf(files, 'file')}, ${countOf(directories, 'directory', 'directories')}` +
    (unreadable > 0 ? ` (${unreadable} unreadable, not counted)` : ''),
});
