import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBulkTree, writeTree } from '../fs/tree.test-support.js';
import { type Fixture, makeFixture } from '../test-helpers.js';
import type { TreeNode } from './directory_tree.js';

type Out = { path: string; tree: TreeNode; entries: number; truncated: boolean };

let fx: Fixture;
afterEach(() => fx.close());
const tree = (args: Record<string, unknown> = {}, opts?: Parameters<typeof callTool>[3]) =>
  callTool<Out>(fx.client, 'directory_tree', { path: fx.root, ...args }, opts);

/** Every path in a tree, '/'-joined, for compact assertions. */
function paths(node: TreeNode, prefix = ''): string[] {
  return (node.children ?? []).flatMap((c) => {
    const rel = prefix + c.name;
    return c.type === 'directory' ? [`${rel}/`, ...paths(c, `${rel}/`)] : [rel];
  });
}

describe.each(['legacy', 'modern'] as const)('directory_tree (%s)', (era) => {
  it('returns a nested tree, directories first, rendered as an indented outline', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, { 'README.md': '', 'src/index.ts': '', 'src/lib/util.ts': '', 'empty/': '' });
    const out = await tree();
    expect(out.structured).toEqual({
      path: fx.root,
      tree: {
        name: path.basename(fx.root),
        type: 'directory',
        children: [
          { name: 'empty', type: 'directory', children: [] },
          {
            name: 'src',
            type: 'directory',
            children: [
              { name: 'lib', type: 'directory', children: [{ name: 'util.ts', type: 'file' }] },
              { name: 'index.ts', type: 'file' },
            ],
          },
          { name: 'README.md', type: 'file' },
        ],
      },
      entries: 6,
      truncated: false,
    });
    expect(out.text).toBe(
      `${fx.root}/\n  empty/\n  src/\n    lib/\n      util.ts\n    index.ts\n  README.md`,
    );
  });

  it('stops exactly at maxEntries and says so', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, { 'a/1': '', 'a/2': '', b: '' });
    // 4 entries: a, b, a/1, a/2 (breadth-first).
    const exact = await tree({ maxEntries: 4 });
    expect(exact.structured).toMatchObject({ entries: 4, truncated: false });
    const cut = await tree({ maxEntries: 3 });
    expect(cut.structured).toMatchObject({ entries: 3, truncated: true });
    expect(paths(cut.structured!.tree)).toEqual(['a/', 'a/1', 'b']);
    expect(cut.text).toContain('[Stopped at 3 entries.');
  });
  it('sends progress while walking a few thousand files, and a cancelled walk leaves the server usable', async () => {
    fx = await makeFixture(era);
    await writeBulkTree(fx.root, { dirs: 60, filesPerDir: 50 });
    const progress: Array<{ progress: number; message?: string }> = [];
    const full = await tree({ maxEntries: 100_000 }, { onprogress: (p) => progress.push(p) });
    expect(full.structured).toMatchObject({ entries: 3000 + 59, truncated: false });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]!.progress).toBeGreaterThan(0);
    expect(progress[0]!.message).toMatch(/^\d+ entries so far$/);

    const controller = new AbortController();
    const cancelled = tree(
      { maxEntries: 100_000 },
      { signal: controller.signal, onprogress: () => controller.abort() },
    );
    await expect(cancelled).rejects.toThrow();
    const next = await tree({ path: 'd1', maxDepth: 1 });
    expect(next.structured?.entries).toBe(50 + 8);
  });
});

describe('directory_tree', () => {
  it('never descends into node_modules or .git, unless defaultExcludes is false', async () => {
    fx = await makeFixture();
    await writeBulkTree(path.join(fx.root, 'node_modules'), { dirs: 30, filesPerDir: 3 });
    await writeTree(fx.root, { '.git/HEAD': '', 'src/a.ts': '', 'pkg/node_modules/x.js': '' });
    const out = await tree();
    expect(paths(out.structured!.tree)).toEqual(['pkg/', 'src/', 'src/a.ts']);
    const all = await tree({ defaultExcludes: false, includeHiddenDirs: true, maxEntries: 10_000 });
    // 30 directories (the first is node_modules itself) of 3 files, .git/HEAD, src/a.ts, pkg/node_modules/x.js.
    expect(all.structured?.entries).toBe(30 + 90 + 2 + 2 + 3);
  });

  it('applies excludePatterns (names, globs, paths), and nested .gitignore by default', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, {
      '.gitignore': 'build/\n',
      'build/out.js': '',
      'src/.gitignore': '*.gen.ts\n',
      'src/a.ts': '',
      'src/a.gen.ts': '',
      'src/a.test.ts': '',
      'docs/api/x.md': '',
      'docs/guide.md': '',
    });
    const excluded = await tree({
      excludePatterns: ['*.test.ts', 'docs/api', '.gitignore'],
      respectGitignore: false,
    });
    expect(paths(excluded.structured!.tree)).toEqual([
      'build/',
      'build/out.js',
      'docs/',
      'docs/guide.md',
      'src/',
      'src/a.gen.ts',
      'src/a.ts',
    ]);
    const ignored = await tree();
    expect(paths(ignored.structured!.tree)).toEqual([
      'docs/',
      'docs/api/',
      'docs/api/x.md',
      'docs/guide.md',
      'src/',
      'src/.gitignore',
      'src/a.test.ts',
      'src/a.ts',
      '.gitignore',
    ]);
  });

  it('skips directories named .* (.venv, .cache) by default, and shows them with includeHiddenDirs', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, { '.venv/bin/python': '', '.cache/c': '', '.env': '', 'src/a.ts': '' });
    expect(paths((await tree()).structured!.tree)).toEqual(['src/', 'src/a.ts', '.env']);
    expect(paths((await tree({ includeHiddenDirs: true })).structured!.tree)).toEqual([
      '.cache/',
      '.cache/c',
      '.venv/',
      '.venv/bin/',
      '.venv/bin/python',
      'src/',
      'src/a.ts',
      '.env',
    ]);
  });

  it('marks directories beyond maxDepth as not expanded', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, { 'a/b/c/d.txt': '', 'a/top.txt': '' });
    const out = await tree({ maxDepth: 2 });
    expect(paths(out.structured!.tree)).toEqual(['a/', 'a/b/', 'a/top.txt']);
    const b = out.structured!.tree.children![0]!.children![0]!;
    expect(b).toEqual({ name: 'b', type: 'directory' });
    expect(out.text).toBe(`${fx.root}/\n  a/\n    b/ …\n    top.txt`);
  });

  it('shows a symlink to outside the sandbox as a leaf and never lists its target', async () => {
    fx = await makeFixture();
    await writeTree(fx.outside, { 'private/secret.txt': '' });
    await symlink(fx.outside, path.join(fx.root, 'escape'));
    const out = await tree();
    expect(out.structured?.tree.children).toEqual([{ name: 'escape', type: 'symlink' }]);
    expect(out.text).not.toContain('secret');
    expect(out.text).toContain('escape (symlink)');
  });

  it('refuses a file and a path outside the sandbox', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, { 'f.txt': '' });
    expect((await tree({ path: 'f.txt' })).text).toMatch(/is a file, not a directory/);
    expect((await tree({ path: fx.outside })).text).toMatch(/^Permission denied/);
    expect((await tree({ maxEntries: 0 })).isError).toBe(true);
  });
});
