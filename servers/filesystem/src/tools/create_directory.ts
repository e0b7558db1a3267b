import { stat } from 'node:fs/promises';
import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { makeDirectories } from '../fs/make-dirs.js';

export default defineTool({
  name: 'create_directory',
  title: 'Create directory',
  description:
    'Create a directory and any missing parents (like mkdir -p). Succeeds without change if the ' +
    'directory already exists; fails if a file is in the way.',
  inputSchema: z.object({ path: z.string() }),
  outputSchema: z.object({
    path: z.string(),
    created: z.boolean().describe('false when the directory already existed'),
  }),
  annotations: writes({ openWorld: false, idempotent: true }),
  handler: async ({ path: input }, ctx: FsContext) => {
    const real = await ctx.deps.sandbox.resolve(input, 'create');
    const existing = await stat(real).catch(() => undefined);
    if (existing) {
      if (!existing.isDirectory()) {
        throw new InvalidInputError(`${input} exists and is not a directory.`, {
          hint: 'Choose another name, or delete the file first with delete_path.',
        });
      }
      return { path: real, created: false };
    }
    await makeDirectories(real);
    return { path: real, created: true };
  },
  render: ({ path, created }) => (created ? `Created ${path}` : `Already exists: ${path}`),
});
