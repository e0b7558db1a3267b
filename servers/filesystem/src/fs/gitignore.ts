import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isWithin } from '../sandbox.js';

/**
 * The rules of one .gitignore file, and how to turn a walk-relative path into a path relative to
 * the directory that holds the file: drop the first `strip` characters, then prepend `prefix`.
 * Files below the walk root use `strip`; files above it (ancestors) use `prefix`.
 */
export interface IgnoreLayer {
  rules: Ignore;
  strip: number;
  prefix: string;
}

export function parseGitignore(text: string): Ignore | undefined {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
  if (lines.length === 0) return undefined;
  return ignore().add(lines);
}

/**
 * Git's precedence: a deeper .gitignore overrides a shallower one, and within one file the last
 * matching rule wins (which `ignore` already applies). So walk the layers outermost first and let
 * each one that has an opinion (ignore or `!` re-include) replace the verdict.
 */
export function isIgnored(layers: readonly IgnoreLayer[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    const local = layer.prefix + (layer.strip === 0 ? rel : rel.slice(layer.strip));
    let verdict: ReturnType<Ignore['test']>;
    try {
      verdict = layer.rules.test(isDir ? `${local}/` : local);
    } catch {
      // `ignore` rejects some unusual names (e.g. with a trailing space); such a name is not ignored.
      continue;
    }
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

/** A layer for the .gitignore in `dir`, which is `rel` below the walk root ('' for the root). */
export function layerBelow(rules: Ignore, rel: string): IgnoreLayer {
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
    const text = await readFile(path.join(dir, '.gitignore'), 'utf8').catch(() => undefined);
    const rules = text === undefined ? undefined : parseGitignore(text);
    if (rules) {
      const prefix = `${path.relative(dir, root).split(path.sep).join('/')}/`;
      layers.unshift({ rules, strip: 0, prefix });
    }
  }
  return layers;
}
