import { rm, rmdir, unlink } from 'node:fs/promises';
import { destructive, InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { entryType, locateRemovableEntry } from '../fs/entry.js';

export default defineTool({
  name: 'delete_path',
  title: 'Delete file or directory',
  description:
    'Delete a file, a symlink (never its target) or an empty directory; a non-empty one needs recursive: true and goes with everything in it. Allowed directories themselves cannot be deleted. Permanent: no trash.',
  inputSchema: z.object({
    path: z.string(),
    recursive: z.boolean().optional().describe('Delete a non-empty directory and its contents'),
  }),
  outputSchema: z.object({
    path: z.string(),
    type: z.enum(['file', 'directory', 'symlink', 'other']),
  }),
  annotations: destructive({ openWorld: false, idempotent: true }),
  // A path that cannot be deleted is left to the handler, which says why; nobody is asked about it.
  confirm: async ({ path: input, recursive = false }, ctx: FsContext) => {
    const entry = await locateRemovableEntry(ctx.deps.sandbox, input, 'delete').catch(() => undefined);
    if (!entry) return undefined;
    const type = entryType(entry.stats);
    return type === 'directory' && recursive
      ? `Delete the directory ${entry.path} with everything in it`
      : `Delete the ${type} ${entry.path}`;
  },
  handler: async ({ path: input, recursive = false }, ctx: FsContext) => {
    const entry = await locateRemovableEntry(ctx.deps.sandbox, input, 'delete');
    const type = entryType(entry.stats);
    if (type !== 'directory') {
      // Security: unlink removes the link itself and never follows it.
      await unlink(entry.path);
    } else if (recursive) {
      // rm does not follow symlinks inside the tree: linked content elsewhere is left alone.
      await rm(entry.path, { recursive: true });
    } else {
      await rmdir(entry.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
        throw new InvalidInputError(`Directory not empty: ${entry.path}`, {
          hint: 'Pass recursive: true to delete it with everything in it.',
        });
      });
    }
    return { path: entry.path, type };
  },
  render: ({ path, type }) => `Deleted ${type} ${path}`,
});
