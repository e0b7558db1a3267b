import { lstat } from 'node:fs/promises';
import { destructive, InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { countOf } from '../count-of.js';
import { defineTool, type FsContext } from '../deps.js';
import { makeDirectories } from '../fs/make-dirs.js';
import { countExisting, extractPlan } from '../fs/unzip-extract.js';
import { type ExtractionPlan, planExtraction } from '../fs/unzip-plan.js';

export default defineTool({
  name: 'unzip_file',
  title: 'Unzip file',
  description:
    'Extract a ZIP archive into a directory (created if missing); same-named files are replaced after the user approves, each written atomically. Refused whole: entries landing outside the target, encrypted entries, more than --max-archive-entries (default 10000) or --max-archive-bytes written (default 1 GiB). Symlink entries are skipped and listed.',
  inputSchema: z.object({
    zip_file: z.string().describe('The .zip file'),
    target_path: z.string().describe('Directory to extract into'),
  }),
  outputSchema: z.object({
    path: z.string(),
    files: z.number(),
    directories: z.number(),
    bytes: z.number().describe('Bytes written'),
    replaced: z.number().describe('Files replaced'),
    skipped: z.array(z.string()).describe('Entries not extracted'),
  }),
  annotations: destructive({ openWorld: false, idempotent: true }),
  // Extracting into new names loses nothing; replacing files does, so only that is asked about.
  confirm: async (input, ctx: FsContext) =>
    withPlan(input, ctx, async (plan, target) => {
      const existing = await lstat(target).catch(() => undefined);
      if (!existing) return undefined;
      const { count, names } = await countExisting(plan, target);
      if (count === 0) return undefined;
      const more = count > names.length ? `, and ${count - names.length} more` : '';
      return `Replace ${count} existing file${count === 1 ? '' : 's'} in ${target} with the archive's (${names.join(', ')}${more})`;
    }),
  handler: async (input, ctx: FsContext) =>
    withPlan(input, ctx, async (plan, target) => {
      const { sandbox, config } = ctx.deps;
      await makeDirectories(target);
      const counts = await extractPlan(plan, target, {
        maxBytes: config.maxArchiveBytes,
        signal: ctx.signal,
        allowed: (real) => sandbox.contains(real),
        onEntry: (i, total) => ctx.progress(i, total, 'extracting'),
      });
      return { path: target, ...counts, skipped: plan.skipped };
    }),
  render: ({ path, files, directories, bytes, replaced, skipped }) =>
    `Extracted ${countOf(files, 'file')} and ${countOf(directories, 'directory', 'directories')} (${countOf(bytes, 'byte')}) into ${path}` +
    (replaced > 0 ? `, replacing ${countOf(replaced, 'existing file')}` : '') +
    (skipped.length > 0 ? `\nSkipped (symlinks or special entries, not created): ${skipped.join(', ')}` : ''),
});

/** Resolves both paths, reads the archive's directory into a plan, runs `use`, closes the archive. */
async function withPlan<T>(
  { zip_file, target_path }: { zip_file: string; target_path: string },
  ctx: FsContext,
  use: (plan: ExtractionPlan, target: string) => Promise<T>,
): Promise<T> {
  const { sandbox, config } = ctx.deps;
  const zipReal = await sandbox.resolve(zip_file, 'read');
  if (!(await lstat(zipReal)).isFile()) throw new InvalidInputError(`${zip_file} is not a file.`);
  // Security: the target's real path (or its nearest existing parent's) is inside the sandbox.
  const target = await sandbox.resolve(target_path, 'create');
  const existing = await lstat(target).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new InvalidInputError(`${target_path} exists and is not a directory.`);
  }
  const plan = await planExtraction(
    zipReal,
    { maxBytes: config.maxArchiveBytes, maxEntries: config.maxArchiveEntries },
    ctx.signal,
  );
  try {
    return await use(plan, target);
  } finally {
    plan.zip.close();
  }
}
