import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import { countOf } from '../count-of.js';
import { defineTool, type FsContext } from '../deps.js';
import { resolveNewArchive } from '../fs/archive-target.js';
import { zipSource } from '../fs/zip-sources.js';
import { checkSourceCaps, tooMany, writeNewZip, type ZipSource } from '../fs/zip-write.js';

export default defineTool({
  name: 'zip_files',
  title: 'Zip files',
  description:
    'Create a new ZIP archive (deflate) of files, each stored by its base name; directories are refused (zip_directory). The archive must not exist; it appears only when complete. Caps: --max-archive-entries (default 10000), --max-archive-bytes (default 1 GiB).',
  inputSchema: z.object({
    input_files: z.array(z.string()).min(1).describe('Files to store'),
    target_zip_file: z.string().describe('New archive path (.zip)'),
  }),
  outputSchema: z.object({
    path: z.string(),
    entries: z.number(),
    bytes: z.number().describe('Uncompressed'),
    archiveBytes: z.number().describe('Archive size'),
  }),
  annotations: writes({ openWorld: false }),
  handler: async ({ input_files, target_zip_file }, ctx: FsContext) => {
    const { sandbox, config } = ctx.deps;
    const caps = { maxBytes: config.maxArchiveBytes, maxEntries: config.maxArchiveEntries };
    if (input_files.length > caps.maxEntries) throw tooMany(input_files.length, caps.maxEntries);
    const sources: ZipSource[] = [];
    const names = new Set<string>();
    for (const input of input_files) {
      // Security: each file is resolved through the sandbox (symlinks followed, then checked).
      const real = await sandbox.resolve(input, 'read');
      const stats = await lstat(real);
      if (!stats.isFile()) {
        throw new InvalidInputError(`${input} is not a regular file.`, {
          hint: 'zip_files takes files; use zip_directory for a directory.',
        });
      }
      const name = path.basename(path.normalize(input).replace(/[\\/]+$/, '')) || path.basename(real);
      if (names.has(name)) {
        throw new InvalidInputError(`Two files would both be stored as "${name}".`, {
          hint: 'Zip their directory with zip_directory to keep their paths, or archive them separately.',
        });
      }
      names.add(name);
      sources.push(zipSource(name, real, stats));
    }
    const bytes = checkSourceCaps(sources, caps);
    const target = await resolveNewArchive(sandbox, target_zip_file);
    const archiveBytes = await writeNewZip(target, sources, {
      signal: ctx.signal,
      onEntry: (i) => ctx.progress(i, sources.length, `storing ${sources[i]!.name}`),
    });
    return { path: target, entries: sources.length, bytes, archiveBytes };
  },
  render: ({ path: target, entries, bytes, archiveBytes }) =>
    `Created ${target}: ${countOf(entries, 'file')}, ${countOf(bytes, 'byte')} stored in ${archiveBytes}`,
});
