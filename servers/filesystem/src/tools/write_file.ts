import path from 'node:path';
import { destructive, InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { writeFileAtomic } from '../fs/atomic.js';
import { locateEntry } from '../fs/entry.js';
import { makeDirectories } from '../fs/make-dirs.js';

export default defineTool({
  name: 'write_file',
  title: 'Write file',
  description:
    'Create a file or replace its whole content (UTF-8). Atomic: readers never see a partial file. ' +
    'Creates missing parent directories. Content over the server write cap (default 8 MiB) is refused. ' +
    'To change part of a file, use edit_file.',
  inputSchema: z.object({
    path: z.string(),
    content: z.string().describe('The complete new content'),
  }),
  outputSchema: z.object({ path: z.string(), bytes: z.number(), created: z.boolean() }),
  annotations: destructive({ openWorld: false, idempotent: true }),
  // Creating a file loses nothing; replacing one loses its content, so only that is asked about
  // (after the size checks, so nobody approves a write that is then refused).
  confirm: async ({ path: input, content }, ctx: FsContext) => {
    checkSize(content, ctx.deps.config);
    const existing = await locateEntry(ctx.deps.sandbox, input, 'create').catch(() => undefined);
    if (!existing?.stats?.isFile()) return undefined;
    return `Replace the whole content of ${existing.path} (${existing.stats.size} bytes now)`;
  },
  handler: async ({ path: input, content }, ctx: FsContext) => {
    const bytes = checkSize(content, ctx.deps.config);
    const real = await ctx.deps.sandbox.resolve(input, 'create');
    const existed = await ctx.deps.sandbox.resolve(input, 'read').then(
      () => true,
      () => false,
    );
    await makeDirectories(path.dirname(real));
    await writeFileAtomic(real, content);
    return { path: real, bytes, created: !existed };
  },
  render: ({ path: p, bytes, created }) => `${created ? 'Created' : 'Wrote'} ${p} (${bytes} bytes)`,
});

function checkSize(content: string, config: { maxWriteBytes: number; maxFileSize: number }): number {
  const bytes = Buffer.byteLength(content, 'utf8');
  const { maxWriteBytes, maxFileSize } = config;
  if (bytes > maxWriteBytes) {
    throw new InvalidInputError(
      `Content is ${bytes} bytes, over the ${maxWriteBytes}-byte cap on one write (--max-write-bytes).`,
      {
        hint: 'Write less in one call (one message carries at most 8 MiB of content), or split it across files.',
      },
    );
  }
  if (bytes > maxFileSize) {
    throw new InvalidInputError(
      `Content is ${bytes} bytes, over the ${maxFileSize}-byte file-size cap (--max-file-size).`,
    );
  }
  return bytes;
}
