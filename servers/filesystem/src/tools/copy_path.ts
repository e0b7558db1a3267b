import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { destructive, InvalidInputError } from '@refmcp/core';
import { isWithin } from '@refmcp/core/sandbox';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { copyIntoPlace } from '../fs/copy.js';
import { locateEntry, refuseAllowedDirectory } from '../fs/entry.js';
import { makeDirectories } from '../fs/make-dirs.js';

const SKIPPED_SHOWN = 20;

export default defineTool({
  name: 'copy_path',
  title: 'Copy file or directory',
  description:
    'Copy a file, or a directory with recursive: true. Symlinks inside are copied as symlinks, never followed; sockets, FIFOs and devices are skipped and listed. An existing destination is refused unless overwrite: true, which replaces a file with a file or a directory with a directory (not merged). Creates missing parents.',
  inputSchema: z.object({
    source: z.string().describe('File or directory to copy'),
    destination: z.string().describe('Path of the copy, including its name'),
    recursive: z.boolean().optional().describe('Needed for a directory'),
    overwrite: z.boolean().optional().describe('Replace an existing destination'),
  }),
  outputSchema: z.object({
    source: z.string(),
    destination: z.string(),
    type: z.enum(['file', 'directory']),
    replaced: z.boolean().describe('A destination was replaced'),
    files: z.number(),
    directories: z.number(),
    symlinks: z.number(),
    bytes: z.number().describe('Bytes copied'),
    skipped: z.array(z.string()).describe(`Special files skipped (first ${SKIPPED_SHOWN})`),
    skippedCount: z.number(),
  }),
  annotations: destructive({ openWorld: false, idempotent: true }),
  // Only replacing an existing destination loses anything; a new copy is asked about by nobody.
  confirm: async ({ source, destination, overwrite = false }, ctx: FsContext) => {
    if (!overwrite) return undefined;
    const to = await locateEntry(ctx.deps.sandbox, destination, 'create').catch(() => undefined);
    if (!to?.stats) return undefined;
    return `Replace ${to.path} with a copy of ${source}`;
  },
  handler: async ({ source, destination, recursive = false, overwrite = false }, ctx: FsContext) => {
    const { sandbox } = ctx.deps;
    // The source is followed like any path to read: a link to a file inside copies that file.
    const from = await sandbox.resolve(source, 'read');
    const stats = await lstat(from);
    const type: 'file' | 'directory' | undefined = stats.isDirectory()
      ? 'directory'
      : stats.isFile()
        ? 'file'
        : undefined;
    if (!type) throw new InvalidInputError(`${source} is not a regular file or directory.`);
    if (type === 'directory' && !recursive) {
      throw new InvalidInputError(`${source} is a directory.`, {
        hint: 'Pass recursive: true to copy it with everything in it.',
      });
    }
    const to = await locateEntry(sandbox, destination, 'create');
    if (isWithin(to.path, from)) {
      throw new InvalidInputError(`Cannot copy ${from} onto or into itself.`);
    }
    if (to.stats) {
      if (!overwrite) {
        throw new InvalidInputError(`Destination already exists: ${to.path}`, {
          hint: 'Pass overwrite: true to replace it, or choose another destination.',
        });
      }
      const existingIsDirectory = to.stats.isDirectory();
      if (existingIsDirectory !== (type === 'directory')) {
        throw new InvalidInputError(
          `Cannot replace a ${existingIsDirectory ? 'directory' : 'file'} with a ${type}: ${to.path}`,
        );
      }
      refuseAllowedDirectory(sandbox, to.path, 'replace');
    }
    await makeDirectories(path.dirname(to.path));
    const counts = await copyIntoPlace(from, to.path, to.stats !== undefined, {
      signal: ctx.signal,
      onEntry: (copied) => ctx.progress(copied, undefined, 'copying'),
    });
    return {
      source: from,
      destination: to.path,
      type,
      replaced: to.stats !== undefined,
      ...counts,
      skipped: counts.skipped.slice(0, SKIPPED_SHOWN),
      skippedCount: counts.skipped.length,
    };
  },
  render: (out) => {
    const what =
      out.type === 'file'
        ? `${out.bytes} bytes`
        : `${out.files} files, ${out.directories} directories, ${out.symlinks} symlinks, ${out.bytes} bytes`;
    const skipped =
      out.skippedCount > 0 ? `\nSkipped ${out.skippedCount} special file(s): ${out.skipped.join(', ')}` : '';
    return `${out.replaced ? 'Replaced' : 'Copied'} ${out.source} -> ${out.destination} (${what})${skipped}`;
  },
});
