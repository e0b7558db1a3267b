import * as z from 'zod';

export const gistRef = z.object({ id: z.string(), url: z.string() });

export const gistFiles = z.record(z.string(), z.string()).describe('File name → content');

/** File name → content, in the shape the gists API takes. */
export const toGistFiles = (files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).map(([name, content]) => [name, { content }]));
