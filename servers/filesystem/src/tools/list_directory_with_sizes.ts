import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { humanSize } from '../fs/human-size.js';
import { mapLimit } from '../fs/pool.js';
import { entryType } from '../fs/walk.js';
import { entryTypeSchema } from '../fs/walk-input.js';
import { dirsFirst, readDirectory, TYPE_LABEL } from './list_directory.js';

export default defineTool({
  name: 'list_directory_with_sizes',
  title: 'List directory with sizes',
  description:
    'Entries of one directory (not recursive) with file sizes in bytes, plus totals. ' +
    'sortBy "size" puts the largest first. Symlinks are listed, not followed; directory sizes are not summed.',
  inputSchema: z.object({
    path: z.string(),
    sortBy: z
      .enum(['name', 'size'])
      .default('name')
      .describe('"name" (directories first) or "size" (largest first)'),
  }),
  outputSchema: z.object({
    path: z.string(),
    entries: z.array(
      z.object({
        name: z.string(),
        type: entryTypeSchema,
        size: z.number().optional().describe('bytes; files only'),
      }),
    ),
    totals: z.object({ files: z.number(), directories: z.number(), totalBytes: z.number() }),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ path: input, sortBy }, ctx: FsContext) => {
    const real = await ctx.deps.sandbox.resolve(input, 'read');
    const dirents = await readDirectory(real, input);
    const entries = await mapLimit(
      dirents,
      32,
      async (d) => {
        const type = entryType(d);
        if (type !== 'file') return { name: d.name, type };
        // Security: lstat, so a file swapped for a symlink meanwhile is not followed out of the sandbox.
        const size = await lstat(path.join(real, d.name)).then(
          (s) => s.size,
          () => 0,
        );
        return { name: d.name, type, size };
      },
      ctx.signal,
    );
    entries.sort(
      sortBy === 'size' ? (a, b) => (b.size ?? -1) - (a.size ?? -1) || dirsFirst(a, b) : dirsFirst,
    );
    const totals = { files: 0, directories: 0, totalBytes: 0 };
    for (const e of entries) {
      if (e.type === 'file') {
        totals.files++;
        totals.totalBytes += e.size ?? 0;
      } else if (e.type === 'directory') totals.directories++;
    }
    return { path: real, entries, totals };
  },
  render: ({ entries, totals }) => {
    const lines = entries.map(
      (e) => `${TYPE_LABEL[e.type]} ${e.name}${e.size === undefined ? '' : `  ${humanSize(e.size)}`}`,
    );
    const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const files = count(totals.files, 'file', 'files');
    const dirs = count(totals.directories, 'directory', 'directories');
    lines.push(`Total: ${files}, ${dirs}, ${humanSize(totals.totalBytes)}`);
    return lines.join('\n');
  },
});
