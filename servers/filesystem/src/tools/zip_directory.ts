import { lstat } from 'node:fs/promises';
import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import { countOf } from '../count-of.js';
import { defineTool, type FsContext } from '../deps.js';
import { resolveNewArchive } from '../fs/archive-target.js';
import { compileSearchPattern } from '../fs/match.js';
import { mapLimit } from '../fs/pool.js';
import { walk } from '../fs/walk.js';
import { resolveDirectory } from '../fs/walk-input.js';
import { zipSource } from '../fs/zip-sources.js';
import { checkSourceCaps, tooMany, writeNewZip, type ZipSource } from '../fs/zip-write.js';

/** Symlinks and special files named in the answer; the rest are only counted. */
const MAX_SKIPPED_LISTED = 100;

export default defineTool({
  name: 'zip_directory',
  title: 'Zip directory',
  description:
    'Create a new ZIP archive (deflate) of the files under a directory, paths relative to it. pattern (default **/*) picks files as search_files does; everything else is included (.git, ignored files) except excludePatterns. Symlinks and special files are skipped and listed. The archive must not exist. Caps: --max-archive-entries, --max-archive-bytes.',
  inputSchema: z.object({
    input_directory: z.string().describe('Directory to archive'),
    pattern: z.string().default('**/*').describe('Glob or name fragment'),
    target_zip_file: z.string().describe('New archive path (.zip)'),
    excludePatterns: z
      .array(z.string())
      .default([])
      .describe(
        'Globs to leave out. No "/": any name at any depth (node_modules, *.log); with "/": path from input_directory',
      ),
  }),
  outputSchema: z.object({
    path: z.string(),
    entries: z.number(),
    bytes: z.number().describe('Uncompressed'),
    archiveBytes: z.number().describe('Archive size'),
    skipped: z.array(z.string()).describe(`Not stored (first ${MAX_SKIPPED_LISTED})`),
    skippedCount: z.number(),
  }),
  annotations: writes({ openWorld: false }),
  handler: async (input, ctx: FsContext) => {
    const { sandbox, config } = ctx.deps;
    const caps = { maxBytes: config.maxArchiveBytes, maxEntries: config.maxArchiveEntries };
    const matches = compileSearchPattern(input.pattern);
    const root = await resolveDirectory(ctx, input.input_directory);
    const chosen: Array<{ rel: string; path: string }> = [];
    const skipped: string[] = [];
    let skippedCount = 0;
    let tooManyFound = false;
    await walk(
      root,
      {
        signal: ctx.signal,
        excludePatterns: input.excludePatterns,
        defaultExcludes: false,
        respectGitignore: false,
        skipDotDirectories: false,
        onProgress: (n) => ctx.progress(n, undefined, `${n} entries examined`),
      },
      (entry) => {
        if (entry.type === 'directory' || !matches(entry.rel, entry.name, false)) return undefined;
        // Security: a symlink is never stored nor followed, so the archive holds only what lies
        // inside the directory the sandbox resolved.
        if (entry.type !== 'file') {
          if (skipped.length < MAX_SKIPPED_LISTED) skipped.push(entry.rel);
          skippedCount++;
          return undefined;
        }
        if (chosen.length === caps.maxEntries) {
          tooManyFound = true;
          return false;
        }
        chosen.push({ rel: entry.rel, path: entry.path });
        return undefined;
      },
    );
    if (tooManyFound) throw tooMany(caps.maxEntries + 1, caps.maxEntries);
    if (chosen.length === 0) {
      throw new InvalidInputError(`No files under ${root} match ${JSON.stringify(input.pattern)}.`, {
        hint: 'Check the pattern with search_files; an empty archive is not created.',
      });
    }
    // A file that vanished or changed kind since the walk is left out, not an error.
    const sizeOf = (c: { rel: string; path: string }) =>
      lstat(c.path).then(
        (stats) => (stats.isFile() ? zipSource(c.rel, c.path, stats) : undefined),
        () => undefined,
      );
    const sources = (await mapLimit(chosen, 32, sizeOf, ctx.signal)).filter(
      (s): s is ZipSource => s !== undefined,
    );
    const bytes = checkSourceCaps(sources, caps);
    const target = await resolveNewArchive(sandbox, input.target_zip_file);
    const archiveBytes = await writeNewZip(target, sources, {
      signal: ctx.signal,
      onEntry: (i) => ctx.progress(i, sources.length, `storing ${sources[i]!.name}`),
    });
    return { path: target, entries: sources.length, bytes, archiveBytes, skipped, skippedCount };
  },
  render: ({ path: target, entries, bytes, archiveBytes, skipped, skippedCount }) =>
    `Created ${target}: ${countOf(entries, 'file')}, ${countOf(bytes, 'byte')} stored in ${archiveBytes}` +
    (skippedCount > 0
      ? `\nSkipped ${countOf(skippedCount, 'symlink or special file', 'symlinks or special files')}: ${skipped.join(', ')}`
      : ''),
});
