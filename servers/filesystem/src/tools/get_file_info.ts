import { stat } from 'node:fs/promises';
import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';

export default defineTool({
  name: 'get_file_info',
  title: 'Get file info',
  description:
    'Metadata for a file or directory: type, size in bytes, times (ISO 8601), permissions (octal).',
  inputSchema: z.object({ path: z.string() }),
  outputSchema: z.object({
    path: z.string(),
    type: z.enum(['file', 'directory', 'other']),
    size: z.number().describe('bytes'),
    created: z.string(),
    modified: z.string(),
    accessed: z.string(),
    permissions: z.string().describe('octal, e.g. 644'),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ path }, ctx: FsContext) => {
    const real = await ctx.deps.sandbox.resolve(path);
    const stats = await stat(real);
    return {
      path: real,
      type: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other',
      size: stats.size,
      created: stats.birthtime.toISOString(),
      modified: stats.mtime.toISOString(),
      accessed: stats.atime.toISOString(),
      permissions: (stats.mode & 0o777).toString(8),
    } as const;
  },
  render: (info) =>
    Object.entries(info)
      .map(([key, value]) => `${key}: ${value}`)
      .join('\n'),
});
