import { stat } from 'node:fs/promises';
import path from 'node:path';
import { destructive, InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { writeFileAtomic } from '../fs/atomic.js';
import { unifiedDiff } from '../fs/diff.js';
import { applyEdits, decodeDocument, encodeDocument } from '../fs/edits.js';
import { openRegularFile } from '../fs/text.js';
import { isWithin } from '../sandbox.js';

export default defineTool({
  name: 'edit_file',
  title: 'Edit file',
  description:
    'Replace exact text in a UTF-8 file. Edits apply in order; each oldText must match exactly one ' +
    'place (or every place with replaceAll). If no exact match, whole lines are matched ignoring ' +
    'leading/trailing whitespace and newText is re-indented. All edits apply or none; the write is ' +
    'atomic; CRLF line endings and a BOM are kept. Returns a unified diff; dryRun previews it without writing.',
  inputSchema: z.object({
    path: z.string().describe('File path'),
    edits: z
      .array(
        z.object({
          oldText: z.string().describe('Text to find, copied exactly from the file'),
          newText: z.string().describe('Replacement text'),
        }),
      )
      .min(1),
    dryRun: z.boolean().optional().describe('Return the diff without writing (default false)'),
    replaceAll: z
      .boolean()
      .optional()
      .describe('Replace every match instead of requiring one (default false)'),
  }),
  outputSchema: z.object({
    path: z.string(),
    diff: z.string().describe('Unified diff, 3 lines of context; empty when nothing changes'),
    applied: z.boolean().describe('True when the file was written'),
    replacements: z.number().describe('Number of places replaced'),
  }),
  annotations: destructive({ openWorld: false }),
  handler: async ({ path: input, edits, dryRun = false, replaceAll = false }, ctx: FsContext) => {
    const { sandbox, config } = ctx.deps;
    const real = await sandbox.resolve(input, 'write');
    const fh = await openRegularFile(real, input);
    let before: Awaited<ReturnType<typeof fh.stat>>;
    let bytes: Buffer;
    try {
      before = await fh.stat();
      if (before.size > config.maxFileSize) {
        throw new InvalidInputError(
          `${input} is ${before.size} bytes, over the ${config.maxFileSize}-byte limit.`,
        );
      }
      bytes = await fh.readFile();
    } finally {
      await fh.close();
    }
    const doc = decodeDocument(bytes, input);
    const { text, replacements } = applyEdits(doc, edits, { replaceAll, display: input });
    const output = encodeDocument({ ...doc, text });
    if (output.length > config.maxFileSize) {
      throw new InvalidInputError(
        `The edited file would be ${output.length} bytes, over the ${config.maxFileSize}-byte limit. No changes were written.`,
      );
    }
    const changed = !output.equals(bytes);
    const diff = capDiff(
      unifiedDiff(doc.text, text, { path: displayPath(real, sandbox.directories) }),
      config.maxReadBytes,
    );
    if (!dryRun && changed) {
      // Another writer between our read and write would lose its change; refuse instead.
      const now = await stat(real);
      if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) {
        throw new InvalidInputError(
          `${input} changed while the edit was being prepared. No changes were written.`,
          {
            hint: 'Read the file again and retry the edit.',
          },
        );
      }
      await writeFileAtomic(real, output);
    }
    return { path: real, diff, applied: !dryRun && changed, replacements };
  },
  render: ({ path: p, diff, applied, replacements }) => {
    const n = `${replacements} replacement${replacements === 1 ? '' : 's'}`;
    if (diff === '') return `No changes: the edits leave ${p} as it was (${n}).`;
    return `${applied ? `Edited ${p}: ${n}.` : `Dry run: ${n} in ${p}; nothing written.`}\n${diff}`;
  },
});

/** The path relative to the allowed directory holding it, as in a repository diff. */
function displayPath(real: string, directories: readonly string[]): string {
  const home = directories.filter((dir) => isWithin(real, dir)).sort((a, b) => b.length - a.length)[0];
  const shown = home ? path.relative(home, real) : real.replace(/^\/+/, '');
  return shown.split(path.sep).join('/');
}

/** Keeps the diff within the output cap, cut at a line, saying how much was left out. */
function capDiff(diff: string, maxBytes: number): string {
  if (Buffer.byteLength(diff, 'utf8') <= maxBytes) return diff;
  const cut = diff.lastIndexOf(
    '\n',
    Buffer.from(diff, 'utf8').subarray(0, maxBytes).toString('utf8').length - 1,
  );
  const kept = diff.slice(0, cut + 1);
  const omitted = diff.slice(cut + 1).split('\n').length - 1;
  return `${kept}[diff cut at the ${maxBytes}-byte output limit; ${omitted} more lines not shown]\n`;
}
