import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { InvalidInputError, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { type EntryType, entryType } from '../fs/walk.js';

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
  return byCodePoint(a.name, b.name);
}

/** The structured answer's groups, in the order the text lists them. */
const GROUPS = [
  ['directories', 'directory'],
  ['files', 'file'],
  ['symlinks', 'symlink'],
  ['other', 'other'],
] as const satisfies ReadonlyArray<readonly [string, EntryType]>;

type Group = (typeof GROUPS)[number][0];
const GROUP_OF = Object.fromEntries(GROUPS.map(([group, type]) => [type, group])) as Record<EntryType, Group>;

const names = z.array(z.string());

export default defineTool({
  name: 'list_directory',
  title: 'List directory',
  description:
    'Entries of one directory (not recursive), directories first, each marked [DIR], [FILE], [LINK] ' +
    '(symlink, not followed) or [OTHER]. Use directory_tree for nested levels, list_directory_with_sizes for sizes.',
  inputSchema: z.object({ path: z.string() }),
  // Names grouped by type rather than one object per entry: a 200-entry folder answers in
  // 8.6 KB instead of 13.3, which the server encodes and validates and the client decodes.
  outputSchema: z.object({
    path: z.string(),
    directories: names,
    files: names,
    symlinks: names,
    other: names,
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ path }, ctx: FsContext) => {
    const real = await ctx.deps.sandbox.resolve(path, 'read');
    const dirents = await readDirectory(real, path);
    const groups: Record<Group, string[]> = { directories: [], files: [], symlinks: [], other: [] };
    for (const d of dirents) groups[GROUP_OF[entryType(d)]].push(d.name);
    // The default sort orders strings by UTF-16 code units, as byCodePoint does, without a call per comparison.
    for (const list of Object.values(groups)) list.sort();
    return { path: real, ...groups };
  },
  render: (result) => {
    // One join per group: half the time of a string per line.
    const parts = GROUPS.filter(([group]) => result[group].length > 0).map(([group, type]) => {
      const label = TYPE_LABEL[type];
      return `${label} ${result[group].join(`\n${label} `)}`;
    });
    return parts.length === 0 ? `${result.path} is empty.` : parts.join('\n');
  },
});

/** Code-point order: stable and locale-independent. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

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
