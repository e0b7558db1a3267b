import { stat } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { destructive, InvalidInputError } from '@refmcp/core';
import { isWithin } from '@refmcp/core/sandbox';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { writeFileAtomic } from '../fs/atomic.js';
import { boundedDiff } from '../fs/edit-diff.js';
import { applyEdits, decodeDocument, encodeDocument, MAX_REPLACEMENTS } from '../fs/edits.js';
import { openRegularFile } from '../fs/text.js';

/**
 * Largest file edit_file works on, whatever --max-file-size says: the text is held as one
 * JavaScript string (V8 refuses strings past 2^29 characters) next to its edited copy.
 */
export const MAX_EDIT_BYTES = 256 * 1024 * 1024;

export default defineTool({
  name: 'edit_file',
  title: 'Edit file',
  description:
    'Replace exact text in a UTF-8 file. Edits apply in order; each oldText must match one place (every place with replaceAll). Without an exact match, whole lines are matched ignoring surrounding whitespace and newText is re-indented. All edits or none, written atomically; CRLF and a BOM are kept. Returns a unified diff; dryRun previews it.',
  inputSchema: z.object({
    path: z.string(),
    edits: z
      .array(
        z.object({
          oldText: z.string().describe('Text to find, copied exactly from the file'),
          newText: z.string().describe('Replacement text'),
        }),
      )
      .min(1),
    dryRun: z.boolean().optional().describe('Diff only, no write'),
    replaceAll: z.boolean().optional().describe(`Replace every match (at most ${MAX_REPLACEMENTS})`),
  }),
  outputSchema: z.object({
    path: z.string(),
    diff: z.string().describe('Unified diff; empty if unchanged'),
    applied: z.boolean().describe('File written'),
    replacements: z.number().describe('Places replaced'),
  }),
  annotations: destructive({ openWorld: false }),
  // An edit returns its diff, so it can be undone by the reverse edit: nobody needs to approve it.
  confirm: () => undefined,
  handler: async ({ path: input, edits, dryRun = false, replaceAll = false }, ctx: FsContext) => {
    const { sandbox, config } = ctx.deps;
    const real = await sandbox.resolve(input, 'write');
    const limit = Math.min(config.maxFileSize, MAX_EDIT_BYTES);
    const limitName =
      limit === config.maxFileSize ? 'file-size cap (--max-file-size)' : 'limit of edit_file (256 MiB)';
    const { doc, before } = await readDocument(real, input, limit, limitName);
    // Each step below is one pass over a text of up to `limit` bytes: let other requests in between.
    await nextTurn();
    const { text, replacements } = applyEdits(doc, edits, {
      replaceAll,
      display: input,
      maxBytes: limit,
      maxBytesName: limitName,
    });
    // Decoding round-trips every byte (see decodeDocument), so the file changes exactly when the text does.
    const changed = text !== doc.text;
    await nextTurn();
    const output = changed ? encodeDocument({ ...doc, text }) : undefined;
    if (output && output.length > limit) {
      throw new InvalidInputError(
        `The edited file would be ${output.length} bytes, over the ${limit}-byte ${limitName}. No changes were written.`,
      );
    }
    const diff = await boundedDiff(
      doc.text,
      text,
      displayPath(real, sandbox.directories),
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
      await writeFileAtomic(real, output!);
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

/** Reads and decodes the file, refusing one over `limit` before reading it. */
async function readDocument(real: string, input: string, limit: number, limitName: string) {
  const fh = await openRegularFile(real, input);
  try {
    const before = await fh.stat();
    if (before.size > limit) {
      throw new InvalidInputError(`${input} is ${before.size} bytes, over the ${limit}-byte ${limitName}.`);
    }
    // The bytes are dropped once decoded: only the text is kept through the edit.
    const bytes = await fh.readFile();
    await nextTurn();
    return { doc: decodeDocument(bytes, input), before };
  } finally {
    await fh.close();
  }
}
