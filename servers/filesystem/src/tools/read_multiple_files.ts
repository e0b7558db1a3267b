import { asToolError, describeError, InvalidInputError, readOnly, throwIfAborted } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { mapLimit } from '../fs/pool.js';
import { type LineRequest, readTextWindow } from '../fs/text.js';

/**
 * Files read at once. What waits is mostly each path's resolution on libuv's thread pool (small
 * files are then read synchronously), so enough are in flight to keep that pool busy.
 */
const CONCURRENCY = 16;
/** Each file gets an equal share of the output cap, but never less than this. */
const MIN_SHARE_BYTES = 4096;

const fileResult = z.object({
  path: z.string().describe('As requested'),
  content: z.string().optional(),
  error: z.string().optional().describe('Why this file could not be read'),
  truncated: z.boolean(),
  nextOffset: z.number().optional().describe('For read_text_file, to continue a cut file'),
});
const lineCount = z.number().int().min(1);
type FileResult = z.infer<typeof fileResult>;

export default defineTool({
  name: 'read_multiple_files',
  title: 'Read multiple files',
  description:
    'Read up to 50 UTF-8 text files in one call; an unreadable file gets an error entry and the rest are returned. The output cap (default 256 KiB) is shared, at least 4 KiB a file; a cut file gives nextOffset for read_text_file. head or tail applies to every file.',
  inputSchema: z.object({
    paths: z.array(z.string()).min(1).max(50).describe('File paths'),
    head: lineCount.optional().describe('First N lines of each'),
    tail: lineCount.optional().describe('Last N lines of each'),
  }),
  outputSchema: z.object({ files: z.array(fileResult) }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ paths, head, tail }, ctx: FsContext) => {
    const request = toRequest(head, tail);
    const { maxFileSize, maxReadBytes } = ctx.deps.config;
    const share = Math.min(maxReadBytes, Math.max(MIN_SHARE_BYTES, Math.floor(maxReadBytes / paths.length)));
    const readOne = async (input: string): Promise<FileResult> => {
      try {
        const real = await ctx.deps.sandbox.resolve(input, 'read');
        const window = await readTextWindow(real, input, request, {
          maxFileSize,
          maxBytes: share,
          signal: ctx.signal,
        });
        return {
          path: input,
          content: window.content,
          truncated: window.truncated,
          ...(window.nextOffset !== undefined && { nextOffset: window.nextOffset }),
        };
      } catch (error) {
        throwIfAborted(ctx.signal);
        const known = asToolError(error);
        if (!known) ctx.log.error('read failed', { path: input, error });
        const message = known ? describeError(known) : `Internal error: ${(error as Error).message}`;
        return { path: input, error: message, truncated: false };
      }
    };
    return { files: await mapLimit(paths, CONCURRENCY, readOne, ctx.signal) };
  },
  render: ({ files }) =>
    files
      .map((file) => {
        const header = `=== ${file.path} ===`;
        if (file.error !== undefined) return `${header}\n[error] ${file.error}`;
        const content = file.content ?? '';
        if (!file.truncated) return `${header}\n${content}`;
        const sep = content === '' || content.endsWith('\n') ? '' : '\n';
        const more =
          file.nextOffset === undefined ? '' : ` Continue with read_text_file offset: ${file.nextOffset}.`;
        return `${header}\n${content}${sep}[Cut at this file's share of the output limit.${more}]`;
      })
      .join('\n'),
});

function toRequest(head?: number, tail?: number): LineRequest {
  if (head !== undefined && tail !== undefined) {
    throw new InvalidInputError('Use head or tail, not both.', {
      hint: 'For lines in the middle of a file, use read_text_file with offset and limit.',
    });
  }
  if (head !== undefined) return { mode: 'range', offset: 1, limit: head };
  if (tail !== undefined) return { mode: 'tail', count: tail };
  return { mode: 'whole' };
}
