import { mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBulkTree, writeTree } from './tree.test-support.js';
import { type WalkEntry, type WalkOptions, walk } from './walk.js';

let root: string;
let outside: string;

beforeEach(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-walk-')));
  outside = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-walk-out-')));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

async function collect(options: WalkOptions = {}) {
  const entries: WalkEntry[] = [];
  const dirs: string[] = [];
  const stats = await walk(root, { ...options, onDirectory: (rel) => dirs.push(rel) }, (e) => {
    entries.push(e);
    return undefined;
  });
  return { rels: entries.map((e) => e.rel), entries, dirs, stats };
}

describe('walk', () => {
  it('visits breadth-first, sorted by name, with types and depths', async () => {
    await writeTree(root, { 'b.txt': 'b', 'a/x.txt': 'x', 'a/deep/y.txt': 'y', 'c/': '' });
    const { entries, stats } = await collect();
    expect(entries.map((e) => [e.rel, e.type, e.depth])).toEqual([
      ['a', 'directory', 1],
      ['b.txt', 'file', 1],
      ['c', 'directory', 1],
      ['a/deep', 'directory', 2],
      ['a/x.txt', 'file', 2],
      ['a/deep/y.txt', 'file', 3],
    ]);
    expect(entries[5]).toMatchObject({
      path: path.join(root, 'a/deep/y.txt'),
      parentRel: 'a/deep',
      name: 'y.txt',
    });
    expect(stats).toEqual({ entries: 6, directoriesRead: 4, unreadable: 0, stopped: false });
  });

  it('reports symlinks and sockets without following them out of the tree', async () => {
    await writeTree(outside, { 'secret/key.txt': 'k' });
    await symlink(path.join(outside, 'secret'), path.join(root, 'link'));
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 'sock'), resolve));
    try {
      const { entries, stats } = await collect();
      expect(entries.map((e) => [e.rel, e.type])).toEqual([
        ['link', 'symlink'],
        ['sock', 'other'],
      ]);
      expect(stats.directoriesRead).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('never reads .git or node_modules by default, at any depth, unless asked', async () => {
    await writeBulkTree(path.join(root, 'node_modules'), { dirs: 40, filesPerDir: 1 });
    await writeBulkTree(path.join(root, 'pkg/node_modules'), { dirs: 5, filesPerDir: 1 });
    await writeTree(root, { '.git/HEAD': 'ref', 'src/a.ts': 'a', 'pkg/index.ts': 'i' });
    const { rels, dirs, stats } = await collect();
    expect(rels).toEqual(['pkg', 'src', 'pkg/index.ts', 'src/a.ts']);
    // Only the root, pkg and src were listed: the 45 excluded directories were never opened.
    expect(dirs).toEqual(['', 'pkg', 'src']);
    expect(stats.directoriesRead).toBe(3);

    const all = await collect({ defaultExcludes: false });
    expect(all.stats.directoriesRead).toBe(3 + 1 + 40 + 5);
    expect(all.rels).toContain('.git/HEAD');
  });

  it('adds excludePatterns to the defaults: names, path globs, directory-only', async () => {
    await writeTree(root, {
      'dist/out.js': '',
      'src/gen/x.ts': '',
      'src/a.ts': '',
      'src/a.log': '',
      'logs/': '',
      cache: 'a file named cache',
      'node_modules/m.js': '',
    });
    const { rels, dirs } = await collect({ excludePatterns: ['dist', '*.log', 'src/gen/**', 'cache/'] });
    expect(rels).toEqual(['cache', 'logs', 'src', 'src/a.ts']);
    expect(dirs).not.toContain('dist');
    expect(dirs).not.toContain('src/gen');
  });

  it('respects nested .gitignore files with git precedence, and never reads ignored directories', async () => {
    await writeTree(root, {
      '.gitignore': '*.log\nbuild/\n/top-only.txt\n',
      'a.log': '',
      'top-only.txt': '',
      'build/out.js': '',
      'sub/.gitignore': '!keep.log\nsecret.txt\n',
      'sub/keep.log': '',
      'sub/drop.log': '',
      'sub/secret.txt': '',
      'sub/top-only.txt': '',
      'sub/build/x': '',
      'other/secret.txt': '',
    });
    const { rels, dirs } = await collect({ respectGitignore: true });
    expect(rels).toEqual([
      '.gitignore',
      'other',
      'sub',
      'other/secret.txt',
      'sub/.gitignore',
      'sub/keep.log',
      'sub/top-only.txt',
    ]);
    expect(dirs).toEqual(['', 'other', 'sub']);
    expect((await collect()).rels).toContain('build/out.js');
  });

  it('applies .gitignore files above the root up to the repository top, never past the ceiling', async () => {
    await writeTree(root, {
      '.gitignore': '*.tmp\n',
      'repo/.git/HEAD': '',
      'repo/.gitignore': 'pkg/generated/\n*.bak\n',
      'repo/pkg/generated/g.ts': '',
      'repo/pkg/a.ts': '',
      'repo/pkg/a.bak': '',
      'repo/pkg/b.tmp': '',
    });
    const pkg = path.join(root, 'repo/pkg');
    const seen: string[] = [];
    await walk(pkg, { respectGitignore: true, gitignoreCeiling: root }, (e) => {
      seen.push(e.rel);
      return undefined;
    });
    // root/.gitignore lies above the repository top, so *.tmp does not apply.
    expect(seen).toEqual(['a.ts', 'b.tmp']);

    // With the ceiling at pkg itself, no rule from above applies: generated/, g.ts, a.ts, a.bak, b.tmp.
    const capped = await walk(pkg, { respectGitignore: true, gitignoreCeiling: pkg }, () => undefined);
    expect(capped.entries).toBe(5);
  });

  it('stops at maxDepth without reading deeper directories', async () => {
    await writeTree(root, { 'a/b/c/d.txt': '', 'top.txt': '' });
    const { rels, stats } = await collect({ maxDepth: 2 });
    expect(rels).toEqual(['a', 'top.txt', 'a/b']);
    expect(stats.directoriesRead).toBe(2);
  });

  it('stops when the visitor returns false, and waits on a returned promise', async () => {
    await writeBulkTree(root, { dirs: 3, filesPerDir: 10 });
    const seen: string[] = [];
    let waiting = 0;
    const stats = await walk(root, {}, async (e) => {
      waiting++;
      await new Promise((resolve) => setTimeout(resolve, 1));
      waiting--;
      seen.push(e.rel);
      return seen.length < 5;
    });
    expect(seen).toHaveLength(5);
    expect(waiting).toBe(0);
    expect(stats).toMatchObject({ entries: 5, stopped: true });
  });

  it('reports progress while walking and stops promptly when aborted', async () => {
    await writeBulkTree(root, { dirs: 60, filesPerDir: 50 });
    const progress: number[] = [];
    const controller = new AbortController();
    let visited = 0;
    const run = walk(
      root,
      {
        signal: controller.signal,
        progressEvery: 100,
        onProgress: (n) => {
          progress.push(n);
          if (n === 1000) controller.abort();
        },
      },
      () => {
        visited++;
        return undefined;
      },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    // The 1000th entry triggered the abort before it was handed to the visitor.
    expect(visited).toBe(999);
  });

  it('skips a directory that disappears mid-walk and fails for a root that is not a directory', async () => {
    await writeTree(root, { 'gone/x.txt': '', 'kept/y.txt': '' });
    const seen: string[] = [];
    const stats = await walk(root, { concurrency: 1 }, (e) => {
      seen.push(e.rel);
      // With one read in flight, 'gone' has not been read yet when it is visited.
      if (e.rel === 'gone') return rm(e.path, { recursive: true }).then(() => undefined);
      return undefined;
    });
    expect(seen).toEqual(['gone', 'kept', 'kept/y.txt']);
    expect(stats.unreadable).toBe(1);
    await expect(walk(path.join(root, 'kept/y.txt'), {}, () => undefined)).rejects.toMatchObject({
      code: 'ENOTDIR',
    });
  });
});
