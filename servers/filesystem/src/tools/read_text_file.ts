import { InvalidInputError, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { type LineRequest, readTextWindow } from '../fs/text.js';

const lineCount = z.number().int().min(1);

export default defineTool({
  name: 'read_text_file',
  title: 'Read text file',
  description:
    'Read a UTF-8 text file, whole or by lines. Use at most one of: head (first N lines), tail ' +
    '(last N lines), offset (1-based first line) with optional limit (line count). Line slices are ' +
    'fast on files of any size; whole reads are refused above the server file-size limit (default 50 MiB). ' +
    'Output is capped (default 256 KiB) at a line boundary; a cut result ends with a notice and ' +
    'nextOffset to continue from. Binary files are refused; use read_media_file for images and audio.',
  inputSchema: z.object({
    path: z.string().describe('File path'),
    head: lineCount.optional().describe('Return only the first N lines'),
    tail: lineCount.optional().describe('Return only the last N lines'),
    offset: lineCount.optional().describe('1-based line to start at'),
    limit: lineCount.optional().describe('Number of lines to return from offset (default: until the cap)'),
  }),
  outputSchema: z.object({
    path: z.string(),
    content: z.string().describe('The lines, with their original line endings'),
    startLine: z.number().optional().describe('1-based; omitted for a tail whose line numbers are unknown'),
    endLine: z.number().optional().describe('Last line included; startLine - 1 when none'),
    totalLines: z.number().optional().describe('Present when the read reached the end of the file'),
    truncated: z.boolean().describe('True when the output cap cut the result'),
    nextOffset: z.number().optional().describe('Pass as offset to continue after a cut'),
    notice: z.string().optional().describe('Why the result was cut and how to continue'),
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
