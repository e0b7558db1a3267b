import { InvalidInputError } from '@refmcp/core';
import { Glob, GlobSyntaxError, MAX_GLOB_LENGTH, trimEnd } from './glob.js';

/** Skipped by every walk unless the caller opts out: huge, and rarely what anyone is looking for. */
export const DEFAULT_EXCLUDES: readonly string[] = ['.git', 'node_modules'];

/** Decides from the walk-relative path ('/'-separated), the base name and the kind of entry. */
export type EntryTest = (rel: string, name: string, isDir: boolean) => boolean;

const GLOB_CHARS = /[*?[\]{}]|[+@!]\(/;

export function hasGlobChars(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

/** Globs one list (excludePatterns, include, exclude) may hold: each is tried on every entry walked. */
export const MAX_GLOBS = 100;

// Security: globs come from clients, so they run on the linear-time engine (fs/glob.ts), never
// as a backtracking regex: `*a*a*a*a*b` against a long name must not hold the event loop.
function compileGlob(pattern: string, what: string): (input: string) => boolean {
  try {
    const glob = new Glob(pattern);
    return (input) => glob.test(input);
  } catch (error) {
    if (!(error instanceof GlobSyntaxError)) throw error;
    const shown = pattern.length > 80 ? `${JSON.stringify(pattern.slice(0, 80))}…` : JSON.stringify(pattern);
    throw new InvalidInputError(`Invalid glob in ${what}: ${shown} (${error.message}).`, {
      hint: `Use *, **, ?, [abc], {a,b} and @(a|b), at most ${MAX_GLOB_LENGTH} characters; escape literal brackets with a backslash.`,
      cause: error,
    });
  }
}

function checkCount(patterns: readonly string[], what: string): void {
  if (patterns.length > MAX_GLOBS) {
    throw new InvalidInputError(`${what} has ${patterns.length} globs; at most ${MAX_GLOBS} are accepted.`, {
      hint: 'Combine them with braces ({a,b}) or a shared directory glob.',
    });
  }
}

/** `./src/x` and `/src/x` both mean "relative to the walk root". */
function stripAnchor(pattern: string): string {
  if (pattern.startsWith('./')) return pattern.slice(2);
  if (pattern.startsWith('/')) return pattern.slice(1);
  return pattern;
}

/**
 * Exclusion rules, gitignore-flavoured: a pattern without `/` matches the name at any depth
 * (`dist`, `*.log`), one with `/` matches the path from the walk root (`src/gen/**`), and a
 * trailing `/` limits it to directories. Names without glob characters are a set lookup, since
 * this runs for every entry of a walk.
 */
export function compileExcludes(patterns: readonly string[], withDefaults: boolean): EntryTest | undefined {
  checkCount(patterns, 'excludePatterns');
  const names = new Set<string>(withDefaults ? DEFAULT_EXCLUDES : []);
  const dirNames = new Set<string>();
  const nameGlobs: Array<{ test: (s: string) => boolean; dirOnly: boolean }> = [];
  const pathGlobs: Array<{ test: (s: string) => boolean; dirOnly: boolean }> = [];

  for (const raw of patterns) {
    let pattern = raw.trim();
    if (pattern === '') continue;
    const dirOnly = pattern.endsWith('/');
    if (dirOnly) pattern = trimEnd(pattern, '/');
    const anchored = pattern.startsWith('/') || pattern.startsWith('./');
    pattern = stripAnchor(pattern);
    if (pattern === '') continue;
    if (!anchored && !pattern.includes('/')) {
      if (!hasGlobChars(pattern)) (dirOnly ? dirNames : names).add(pattern);
      else nameGlobs.push({ test: compileGlob(pattern, 'excludePatterns'), dirOnly });
    } else {
      pathGlobs.push({ test: compileGlob(pattern, 'excludePatterns'), dirOnly });
    }
  }
  if (names.size + dirNames.size + nameGlobs.length + pathGlobs.length === 0) return undefined;

  return (rel, name, isDir) => {
    if (names.has(name) || (isDir && dirNames.has(name))) return true;
    for (const g of nameGlobs) if ((isDir || !g.dirOnly) && g.test(name)) return true;
    for (const g of pathGlobs) if ((isDir || !g.dirOnly) && g.test(rel)) return true;
    return false;
  };
}

/**
 * The search_files pattern. A glob with `/` matches the path relative to the search root; one
 * without matches the name at any depth; text without glob characters is a case-insensitive
 * substring of the name (or of the path, when it contains `/`), which keeps older prompts working.
 */
export function compileSearchPattern(input: string): EntryTest {
  const pattern = stripAnchor(input.trim());
  if (pattern === '') {
    throw new InvalidInputError('pattern is empty.', { hint: 'Pass a glob such as **/*.ts or a name.' });
  }
  if (!hasGlobChars(pattern)) {
    const needle = pattern.toLowerCase();
    if (pattern.includes('/')) return (rel) => rel.toLowerCase().includes(needle);
    return (_rel, name) => name.toLowerCase().includes(needle);
  }
  const test = compileGlob(pattern, 'pattern');
  if (pattern.includes('/')) return (rel) => test(rel);
  return (_rel, name) => test(name);
}

/** Include/exclude globs for file paths (search_content), with the same name-or-path rule. */
export function compileFileGlobs(patterns: readonly string[], what: string): EntryTest | undefined {
  checkCount(patterns, what);
  const tests = patterns
    .map((p) => stripAnchor(p.trim()))
    .filter((p) => p !== '')
    .map((p) => {
      const test = compileGlob(p, what);
      return p.includes('/') ? (rel: string) => test(rel) : (_rel: string, name: string) => test(name);
    });
  if (tests.length === 0) return undefined;
  return (rel, name) => tests.some((t) => t(rel, name));
}
