import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { InvalidInputError, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { type EntryType, entryType } from '../fs/walk.js';
import { entryTypeSchema } from '../fs/walk-input.js';

export const TYPE_LABEL: Record<EntryType, string> = {
  directory: '[DIR]',
  file: '[FILE]',
  symlink: '[LINK]',
  other: '[OTHER]',
};

/** Directories first, then by name in code-point order (stable and locale-independent). */
export function dirsFirst<T extends { name: string; type: EntryType }>(a: T, b: T): number {
  const ad = a.type === 'directory';
  if (ad !== (b.type === 'directory')) return ad ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export default defineTool({
  name: 'list_directory',
  title: 'List directory',
  description:
    'Entries of one directory (not recursive), directories first, each marked [DIR], [FILE], [LINK] ' +
    '(symlink, not followed) or [OTHER]. Use directory_tree for nested levels, list_directory_with_sizes for sizes.',
  inputSchema: z.object({ path: z.string() }),
  outputSchema: z.object({
    path: z.string(),
    entries: z.array(z.object({ name: z.string(), type: entryTypeSchema })),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ path }, ctx: FsContext) => {
    const real = await ctx.deps.sandbox.resolve(path, 'read');
    const dirents = await readDirectory(real, path);
    const entries = dirents.map((d) => ({ name: d.name, type: entryType(d) })).sort(dirsFirst);
    return { path: real, entries };
  },
  render: ({ path, entries }) =>
    entries.length === 0
      ? `${path} is empty.`
      : entries.map((e) => `${TYPE_LABEL[e.type]} ${e.name}`).join('\n'),
});

/**
 * The entries of a directory the sandbox resolved; `input` names it in errors. No stat first:
 * readdir itself fails with ENOTDIR on anything else (opening as a directory never blocks, not
 * even on a FIFO), which saves a round trip to the thread pool.
 */
export async function readDirectory(real: string, input: string): Promise<Dirent[]> {
  try {
    return await readdir(real, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
    throw new InvalidInputError(`${input} is a file, not a directory.`, {
      hint: 'Pass its parent directory, or use get_file_info / read_text_file for the file itself.',
    });
  }
}
