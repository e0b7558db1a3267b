import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError, writes } from '@refmcp/core';
import { isWithin } from '@refmcp/core/sandbox';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { copyEntry, stagingPath } from '../fs/copy.js';
import { entryType, locateEntry, locateRemovableEntry } from '../fs/entry.js';
import { makeDirectories } from '../fs/make-dirs.js';

export default defineTool({
  name: 'move_file',
  title: 'Move or rename',
  description:
    'Move or rename a file, directory or symlink (the link itself). Never overwrites: an existing destination is refused. Creates missing parents; works across file systems (copy, then delete).',
  inputSchema: z.object({
    source: z.string().describe('Path to move'),
    destination: z.string().describe('New path, including the new name'),
  }),
  outputSchema: z.object({
    source: z.string(),
    destination: z.string(),
    type: z.enum(['file', 'directory', 'symlink', 'other']),
    method: z.enum(['rename', 'copy']).describe('copy across devices'),
  }),
  annotations: writes({ openWorld: false }),
  handler: async ({ source, destination }, ctx: FsContext) => {
    const { sandbox } = ctx.deps;
    const from = await locateRemovableEntry(sandbox, source, 'move');
    const to = await locateEntry(sandbox, destination, 'create');
    if (to.stats) {
      throw new InvalidInputError(`Destination already exists: ${to.path}`, {
        hint: 'Choose a new name, or delete the destination first with delete_path.',
      });
    }
    if (isWithin(to.path, from.path)) {
      throw new InvalidInputError(`Cannot move ${from.path} into itself.`);
    }
    const type = entryType(from.stats);
    await makeDirectories(path.dirname(to.path));
    try {
      await rename(from.path, to.path);
      return { source: from.path, destination: to.path, type, method: 'rename' } as const;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    }
    await moveAcrossDevices(from.path, to.path, ctx);
    return { source: from.path, destination: to.path, type, method: 'copy' } as const;
  },
  render: ({ source, destination, method }) =>
    `Moved ${source} -> ${destination}${method === 'copy' ? ' (copied across devices)' : ''}`,
});

/** rename(2) cannot cross devices: copy into a staging name, rename that into place, then delete. */
async function moveAcrossDevices(source: string, destination: string, ctx: FsContext): Promise<void> {
  const staging = stagingPath(destination);
  try {
    const counts = await copyEntry(source, staging, {
      signal: ctx.signal,
      onEntry: (copied) => ctx.progress(copied, undefined, 'copying across devices'),
    });
    // Deleting the source would lose what could not be copied, so a partial move is refused.
    if (counts.skipped.length > 0) {
      throw new InvalidInputError(
        `Cannot move across devices: ${counts.skipped.length} special file(s) cannot be copied ` +
          `(${counts.skipped.slice(0, 5).join(', ')}). Nothing was moved.`,
      );
    }
    await rename(staging, destination);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await rm(source, { recursive: true, force: true });
}
