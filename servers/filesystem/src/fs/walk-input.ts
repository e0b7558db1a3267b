import { stat } from 'node:fs/promises';
import { InvalidInputError } from '@refmcp/core';
import { isWithin } from '@refmcp/core/sandbox';
import * as z from 'zod';
import type { FsContext } from '../deps.js';
import { ENTRY_TYPES, type WalkOptions } from './walk.js';

/** Input fields shared by the tools that walk a tree; same names as the reference server's. */
export const walkFields = {
  excludePatterns: z
    .array(z.string())
    .default([])
    .describe('More globs to skip: dist, *.log (names at any depth) or src/gen/** (paths from `path`)'),
  maxDepth: z.number().int().min(1).max(1000).optional().describe('1 = direct entries only'),
  defaultExcludes: z.boolean().default(true).describe('false: walk into .git and node_modules'),
  includeHiddenDirs: z
    .boolean()
    .default(false)
    .describe('Walk into .* directories (.github, .venv); .git also needs defaultExcludes: false'),
  respectGitignore: z.boolean().default(true).describe('false: include what .gitignore ignores'),
};

export const entryTypeSchema = z.enum(ENTRY_TYPES);

/** Resolves a client path through the sandbox and says whether it is a directory. */
export async function resolveExisting(
  ctx: FsContext,
  input: string,
): Promise<{ real: string; isDir: boolean }> {
  const real = await ctx.deps.sandbox.resolve(input, 'read');
  const stats = await stat(real);
  return { real, isDir: stats.isDirectory() };
}

export async function resolveDirectory(ctx: FsContext, input: string): Promise<string> {
  const { real, isDir } = await resolveExisting(ctx, input);
  if (!isDir) {
    throw new InvalidInputError(`${input} is a file, not a directory.`, {
      hint: 'Pass its parent directory, or use get_file_info / read_text_file for the file itself.',
    });
  }
  return real;
}

/**
 * Walk options wired to the call: cancellation, throttled progress, and .gitignore files read no
 * higher than the allowed directory that holds `real`.
 */
export function walkContext(ctx: FsContext, real: string, input: WalkInput, what = 'entries'): WalkOptions {
  const ceiling = ctx.deps.sandbox.directories.find((dir) => isWithin(real, dir)) ?? real;
  return {
    signal: ctx.signal,
    gitignoreCeiling: ceiling,
    onProgress: (n) => ctx.progress(n, undefined, `${n} ${what} so far`),
    excludePatterns: input.excludePatterns,
    defaultExcludes: input.defaultExcludes,
    respectGitignore: input.respectGitignore,
    skipDotDirectories: !input.includeHiddenDirs,
    ...(input.maxDepth !== undefined && { maxDepth: input.maxDepth }),
  };
}

/** The walk-related fields of a tool's parsed input. */
export interface WalkInput {
  excludePatterns: string[];
  defaultExcludes: boolean;
  respectGitignore: boolean;
  includeHiddenDirs: boolean;
  maxDepth?: number | undefined;
}
