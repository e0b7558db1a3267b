import { InvalidInputError } from '@refmcp/core';
import * as z from 'zod';

export const gistRef = z.object({ id: z.string(), url: z.string() });

export const gistFiles = z.record(z.string(), z.string()).describe('File name → content');

/** The one-file form github-mcp-server takes, beside `files`. */
export const singleFile = { filename: z.string().min(1).optional(), content: z.string().optional() };

/**
 * `files` and the one-file form (filename + content) together, in the shape the gists API takes;
 * undefined when neither is given.
 */
export function toGistFiles(input: {
  files?: Record<string, string> | undefined;
  filename?: string | undefined;
  content?: string | undefined;
}): Record<string, { content: string }> | undefined {
  if ((input.filename === undefined) !== (input.content === undefined))
    throw new InvalidInputError('Pass filename and content together (or files).');
  const all = {
    ...input.files,
    ...(input.filename !== undefined && { [input.filename]: input.content ?? '' }),
  };
  if (Object.keys(all).length === 0) return undefined;
  return Object.fromEntries(Object.entries(all).map(([name, content]) => [name, { content }]));
}
