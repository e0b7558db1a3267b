import { InvalidInputError, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { type LineRequest, readTextWindow } from '../fs/text.js';

const lineCount = z.number().int().min(1);

export default defineTool({
  name: 'read_text_file',
  title: 'Read text file',
  description:
    'Read a UTF-8 text file, whole or by lines: head (first N lines), tail (last N), or offset (1-based) with optional limit; one of them at most. Line slices are fast at any size; whole reads over the file-size limit (default 50 MiB) are refused. Output is capped (default 256 KiB) at a line end; a cut result says so and gives nextOffset. Binary files are refused (use read_media_file).',
  inputSchema: z.object({
    path: z.string(),
    head: lineCount.optional().describe('First N lines'),
    tail: lineCount.optional().describe('Last N lines'),
    offset: lineCount.optional().describe('1-based first line'),
    limit: lineCount.optional().describe('Lines from offset (default: to the cap)'),
  }),
  outputSchema: z.object({
    path: z.string(),
    content: z.string().describe('Lines with their own endings'),
    startLine: z.number().optional().describe('1-based; absent for a tail of unknown position'),
    endLine: z.number().optional().describe('Last line included'),
    totalLines: z.number().optional().describe('Set when the read reached the end'),
    truncated: z.boolean().describe('Cut by the output cap'),
    nextOffset: z.number().optional().describe('offset to continue from'),
    notice: z.string().optional().describe('Why it was cut'),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ path: input, head, tail, offset, limit }, ctx: FsContext) => {
    const request = toRequest(head, tail, offset, limit);
    const real = await ctx.deps.sandbox.resolve(input, 'read');
    const { maxFileSize, maxReadBytes } = ctx.deps.config;
    const window = await readTextWindow(real, input, request, {
      maxFileSize,
      maxBytes: maxReadBytes,
      signal: ctx.signal,
    });
    return { path: real, ...window };
  },
  render: ({ content, notice, totalLines }) => {
    if (!notice) return content === '' && totalLines === 0 ? '[empty file]' : content;
    return content === '' || content.endsWith('\n') ? content + notice : `${content}\n${notice}`;
  },
});

function toRequest(head?: number, tail?: number, offset?: number, limit?: number): LineRequest {
  const modes = [
    head !== undefined && 'head',
    tail !== undefined && 'tail',
    (offset ?? limit) !== undefined && 'offset/limit',
  ];
  const chosen = modes.filter(Boolean);
  if (chosen.length > 1) {
    throw new InvalidInputError(`Use only one of head, tail, or offset/limit; got ${chosen.join(' and ')}.`, {
      hint: 'For lines in the middle of a file, use offset and limit alone.',
    });
  }
  if (head !== undefined) return { mode: 'range', offset: 1, limit: head };
  if (tail !== undefined) return { mode: 'tail', count: tail };
  if (offset !== undefined || limit !== undefined) {
    return { mode: 'range', offset: offset ?? 1, ...(limit !== undefined && { limit }) };
  }
  return { mode: 'whole' };
}
