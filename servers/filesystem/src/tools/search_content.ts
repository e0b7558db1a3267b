import { readOnly, throwIfAborted } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { compileMatcher } from '../fs/grep.js';
import type { LineMatch } from '../fs/grep-kernel.js';
import type { BatchResult } from '../fs/grep-worker.js';
import { compileFileGlobs } from '../fs/match.js';
import { walk } from '../fs/walk.js';
import { resolveExisting, walkContext, walkFields } from '../fs/walk-input.js';

/** Paths per message to the search worker, and batches queued ahead of it (backpressure). */
const BATCH = 64;
const MAX_QUEUED = 8;

const matchSchema = z.object({
  path: z.string(),
  line: z.number().describe('1-based'),
  column: z.number().describe('1-based'),
  text: z.string().describe('the line, cut to 240 characters around the match'),
  before: z.array(z.string()).optional(),
  after: z.array(z.string()).optional(),
});

export default defineTool({
  name: 'search_content',
  title: 'Search file contents',
  description:
    "Search text in files under a directory (or one file), like grep -rn. pattern is a JavaScript regex, or plain text with literal: true; case-insensitive unless caseSensitive. Skips .gitignore'd paths, node_modules, .* directories, binary files and files over the size limit (default 50 MiB). include/exclude are globs (*.ts, src/**). One result per matching line; filesOnly lists files instead.",
  inputSchema: z.object({
    path: z.string().describe('Directory or file'),
    pattern: z.string().describe('Regex, or text with literal: true'),
    literal: z.boolean().default(false).describe('pattern is plain text, not a regex'),
    caseSensitive: z.boolean().default(false),
    include: z.array(z.string()).default([]).describe('Only files matching one of these globs'),
    exclude: z.array(z.string()).default([]).describe('Skip paths matching these globs'),
    contextLines: z.number().int().min(0).max(10).default(0).describe('Lines around each match'),
    maxResults: z.number().int().min(1).max(10_000).default(200).describe('Most lines (or files) returned'),
    respectGitignore: walkFields.respectGitignore,
    filesOnly: z.boolean().default(false).describe('Only the paths of matching files'),
    maxDepth: walkFields.maxDepth,
    defaultExcludes: walkFields.defaultExcludes,
    includeHiddenDirs: walkFields.includeHiddenDirs,
  }),
  outputSchema: z.object({
    matches: z.array(matchSchema).optional().describe('absent with filesOnly'),
    files: z.array(z.string()).optional().describe('With filesOnly'),
    truncated: z.boolean().describe('More matches exist'),
    filesScanned: z.number(),
    filesSkipped: z.number().describe('Binary, too large or unreadable'),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async (input, ctx: FsContext) => {
    const matcher = compileMatcher(input.pattern, input.literal, input.caseSensitive);
    const include = compileFileGlobs(input.include, 'include');
    const { real, isDir } = await resolveExisting(ctx, input.path);

    const matches: Array<LineMatch & { path: string }> = [];
    const files: string[] = [];
    let filesScanned = 0;
    let filesSkipped = 0;
    let truncated = false;
    let done = false;

    const take = (result: BatchResult) => {
      filesScanned += result.scanned;
      filesSkipped += result.skipped;
      for (const hit of result.hits) {
        if (input.filesOnly) {
          if (files.length === input.maxResults) truncated = true;
          else files.push(hit.path);
          continue;
        }
        for (const m of hit.matches) {
          if (matches.length === input.maxResults) truncated = true;
          else matches.push({ path: hit.path, ...m });
        }
      }
      done ||= truncated;
    };

    const session = ctx.deps.searchPool.start(
      {
        matcher,
        maxSize: ctx.deps.config.maxFileSize,
        context: input.contextLines,
        // One beyond the limit, to know whether more exist.
        limit: input.maxResults + 1,
        filesOnly: input.filesOnly,
      },
      ctx.signal,
    );
    let finished = false;
    try {
      const queued: Promise<BatchResult>[] = [];
      let batch: string[] = [];
      const flush = () => {
        if (batch.length > 0) queued.push(session.submit(batch));
        batch = [];
      };
      const drainOne = async () => {
        take(await queued.shift()!);
        throwIfAborted(ctx.signal);
      };
      if (!isDir) {
        batch.push(real);
      } else {
        await walk(
          real,
          {
            ...walkContext(ctx, real, { ...input, excludePatterns: input.exclude }),
          },
          (entry) => {
            if (done) return false;
            if (entry.type !== 'file' || (include && !include(entry.rel, entry.name, false)))
              return undefined;
            batch.push(entry.path);
            if (batch.length < BATCH) return undefined;
            flush();
            if (queued.length < MAX_QUEUED) return undefined;
            return drainOne().then(() => (done ? false : undefined));
          },
        );
      }
      flush();
      while (queued.length > 0 && !done) await drainOne();
      finished = true;
    } finally {
      // Cancelled or failed: terminate the worker, which may be stuck in a slow regex.
      void session.close(!finished);
    }

    if (input.filesOnly) return { files, truncated, filesScanned, filesSkipped };
    return { matches, truncated, filesScanned, filesSkipped };
  },
  render: (out) => renderResults(out),
});

type Output = {
  matches?: Array<LineMatch & { path: string }>;
  files?: string[];
  truncated: boolean;
  filesScanned: number;
  filesSkipped: number;
};

function renderResults({ matches, files, truncated, filesScanned, filesSkipped }: Output): string {
  const skipped = filesSkipped > 0 ? `, ${filesSkipped} skipped` : '';
  const more = truncated ? ' (more exist: narrow the search or raise maxResults)' : '';
  if (files) {
    const head = `${files.length} matching files of ${filesScanned} searched${skipped}${more}`;
    return files.length === 0
      ? `No matches in ${filesScanned} files searched${skipped}.`
      : `${head}\n${files.join('\n')}`;
  }
  const list = matches ?? [];
  if (list.length === 0) return `No matches in ${filesScanned} files searched${skipped}.`;
  const fileCount = new Set(list.map((m) => m.path)).size;
  const out = [
    `${list.length} matching lines in ${fileCount} files (${filesScanned} searched${skipped})${more}`,
  ];
  const withContext = list.some((m) => m.before || m.after);
  let current = '';
  let lastLine = 0;
  for (const m of list) {
    if (m.path !== current) {
      current = m.path;
      out.push(m.path);
    } else if (withContext && m.line - (m.before?.length ?? 0) > lastLine + 1) {
      out.push('  --');
    }
    const before = m.before ?? [];
    for (const [i, text] of before.entries()) out.push(`  ${m.line - before.length + i}- ${text}`);
    out.push(`  ${m.line}: ${m.text}`);
    for (const [i, text] of (m.after ?? []).entries()) out.push(`  ${m.line + i + 1}- ${text}`);
    lastLine = m.line + (m.after?.length ?? 0);
  }
  return out.join('\n');
}
