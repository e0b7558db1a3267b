import { access, open } from 'node:fs/promises';
import path from 'node:path';
import { isWithin } from '@refmcp/core/sandbox';
import { Glob, trimEnd } from './glob.js';

/**
 * The rules of one .gitignore file, and how to turn a walk-relative path into a path relative to
 * the directory that holds the file: drop the first `strip` characters, then prepend `prefix`.
 * Files below the walk root use `strip`; files above it (ancestors) use `prefix`.
 */
export interface IgnoreLayer {
  rules: IgnoreRules;
  strip: number;
  prefix: string;
}

/** Read from each .gitignore at most: a hostile one must not cost a walk its memory (rules past this are not read). */
export const MAX_GITIGNORE_BYTES = 256 * 1024;

interface Rule {
  glob: Glob;
  negative: boolean;
  dirOnly: boolean;
  /** Matched against the whole path from the .gitignore's directory; otherwise against the name. */
  anchored: boolean;
}

type Verdict = 'ignored' | 'unignored' | undefined;

/** Parent directories remembered per file of rules; cleared when full. */
const MAX_REMEMBERED_DIRS = 10_000;

/**
 * The rules of one .gitignore, matched as git does (the last matching rule wins; nothing below an
 * ignored directory can be re-included) with the linear-time glob engine. Case-insensitive, as the
 * `ignore` package this replaces was by default.
 */
export class IgnoreRules {
  readonly #rules: Rule[];
  readonly #dirs = new Map<string, Verdict>();

  constructor(rules: Rule[]) {
    this.#rules = rules;
  }

  /** `local` is relative to the .gitignore's directory, '/'-separated, without a trailing slash. */
  test(local: string, isDir: boolean): Verdict {
    const lower = local.toLowerCase();
    for (let at = lower.indexOf('/'); at !== -1; at = lower.indexOf('/', at + 1)) {
      if (this.#dir(lower.slice(0, at)) === 'ignored') return 'ignored';
    }
    return this.#own(lower, isDir);
  }

  #dir(dir: string): Verdict {
    if (this.#dirs.has(dir)) return this.#dirs.get(dir);
    if (this.#dirs.size >= MAX_REMEMBERED_DIRS) this.#dirs.clear();
    const verdict = this.#own(dir, true);
    this.#dirs.set(dir, verdict);
    return verdict;
  }

  #own(local: string, isDir: boolean): Verdict {
    const name = local.slice(local.lastIndexOf('/') + 1);
    for (let i = this.#rules.length - 1; i >= 0; i--) {
      const rule = this.#rules[i]!;
      if (rule.dirOnly && !isDir) continue;
      if (rule.glob.test(rule.anchored ? local : name)) return rule.negative ? 'unignored' : 'ignored';
    }
    return undefined;
  }
}

/** One line of a .gitignore as a rule, or undefined for blanks, comments and what cannot match. */
function parseRule(line: string): Rule | undefined {
  let text = trimTrailingSpaces(line);
  if (text === '' || text.startsWith('#')) return undefined;
  // `\!` and `\#` start a rule with a literal character: the glob reads the escape.
  const negative = text.startsWith('!');
  if (negative) text = text.slice(1);
  const dirOnly = text.endsWith('/');
  if (dirOnly) text = trimEnd(text, '/');
  const anchored = text.includes('/');
  if (text.startsWith('/')) text = text.slice(1);
  if (text === '') return undefined;
  try {
    return { glob: new Glob(text.toLowerCase(), 'gitignore'), negative, dirOnly, anchored };
  } catch {
    // Too long to be a real rule: it matches nothing, as git would not either in practice.
    return undefined;
  }
}

/**
 * Trailing spaces do not count unless the first is escaped (`\ `, which the glob reads as a space).
 * A scan, not a regex: `/\s+$/` is quadratic on a long run of spaces followed by anything else.
 */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end < line.length && end > 0 && line[end - 1] === '\\') end++;
  return line.slice(0, end);
}

export function parseGitignore(text: string): IgnoreRules | undefined {
  const rules = text
    .split(/\r?\n/)
    .map(parseRule)
    .filter((rule) => rule !== undefined);
  return rules.length === 0 ? undefined : new IgnoreRules(rules);
}

/** The first MAX_GITIGNORE_BYTES of a .gitignore; undefined when it cannot be read. */
export async function readGitignore(file: string): Promise<string | undefined> {
  try {
    const fh = await open(file);
    try {
      const buffer = Buffer.alloc(MAX_GITIGNORE_BYTES);
      const { bytesRead } = await fh.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * Git's precedence: a deeper .gitignore overrides a shallower one, and within one file the last
 * matching rule wins (which IgnoreRules applies). So walk the layers outermost first and let
 * each one that has an opinion (ignore or `!` re-include) replace the verdict.
 */
export function isIgnored(layers: readonly IgnoreLayer[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    const local = layer.prefix + (layer.strip === 0 ? rel : rel.slice(layer.strip));
    const verdict = layer.rules.test(local, isDir);
    if (verdict === 'ignored') ignored = true;
    else if (verdict === 'unignored') ignored = false;
  }
  return ignored;
}

/** A layer for the .gitignore in `dir`, which is `rel` below the walk root ('' for the root). */
export function layerBelow(rules: IgnoreRules, rel: string): IgnoreLayer {
  return { rules, strip: rel === '' ? 0 : rel.length + 1, prefix: '' };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * .gitignore files in the ancestors of `root` that git would apply to it: up to the enclosing
 * repository's top (the first directory with `.git`), and never above `ceiling`.
 */
export async function layersAbove(root: string, ceiling: string): Promise<IgnoreLayer[]> {
  const layers: IgnoreLayer[] = [];
  let dir = root;
  while (!(await exists(path.join(dir, '.git')))) {
    const parent = path.dirname(dir);
    // Security: rules outside the allowed directory are never read.
    if (parent === dir || !isWithin(parent, ceiling)) break;
    dir = parent;
    const text = await readGitignore(path.join(dir, '.gitignore'));
    const rules = text === undefined ? undefined : parseGitignore(text);
    if (rules) {
      const prefix = `${path.relative(dir, root).split(path.sep).join('/')}/`;
      layers.unshift({ rules, strip: 0, prefix });
    }
  }
  return layers;
}
