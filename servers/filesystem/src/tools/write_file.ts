import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { destructive, InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { writeFileAtomic } from '../fs/atomic.js';

export default defineTool({
  name: 'write_file',
  title: 'Write file',
  description:
    'Create a file or replace its whole content (UTF-8). Atomic: readers never see a partial file. ' +
    'Creates missing parent directories. Content over the server write cap (default 8 MiB) is refused. ' +
    'To change part of a file, use edit_file.',
  inputSchema: z.object({
    path: z.string().describe('File path'),
    content: z.string().describe('The complete new content'),
  }),
  outputSchema: z.object({ path: z.string(), bytes: z.number(), created: z.boolean() }),
  annotations: destructive({ openWorld: false, idempotent: true }),
  handler: async ({ path: input, content }, ctx: FsContext) => {
    const bytes = Buffer.byteLength(content, 'utf8');
    const { maxWriteBytes, maxFileSize } = ctx.deps.config;
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
    const real = await ctx.deps.sandbox.resolve(input, 'create');
    const existed = await ctx.deps.sandbox.resolve(input, 'read').then(
      () => true,
      () => false,
    );
    await mkdir(path.dirname(real), { recursive: true });
    await writeFileAtomic(real, content);
    return { path: real, bytes, created: !existed };
  },
  render: ({ path: p, bytes, created }) => `${created ? 'Created' : 'Wrote'} ${p} (${bytes} bytes)`,
});
