import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBulkTree, writeTree } from '../fs/tree.test-support.js';
import { type Fixture, makeFixture } from '../test-helpers.js';

type Out = { matches: string[]; truncated: boolean };

let fx: Fixture;
afterEach(() => fx.close());
const find = async (args: Record<string, unknown>, opts?: Parameters<typeof callTool>[3]) => {
  const out = await callTool<Out>(fx.client, 'search_files', { path: fx.root, ...args }, opts);
  return { ...out, rels: out.structured?.matches.map((m) => path.relative(fx.root, m)) };
};

const PROJECT = {
  'package.json': '',
  'README.md': '',
  'src/index.ts': '',
  'src/util.test.ts': '',
  'src/lib/deep.ts': '',
  'src/lib/readme.txt': '',
  'packages/a/package.json': '',
  'packages/a/src/a.ts': '',
  'node_modules/dep/index.ts': '',
  'node_modules/dep/package.json': '',
};

describe.each(['legacy', 'modern'] as const)('search_files (%s)', (era) => {
  it('matches a glob with "/" against the relative path, shallowest first, as absolute paths', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, PROJECT);
    const out = await find({ pattern: '**/*.ts' });
    expect(out.rels).toEqual(['src/index.ts', 'src/util.test.ts', 'src/lib/deep.ts', 'packages/a/src/a.ts']);
    expect(out.structured?.matches[0]).toBe(path.join(fx.root, 'src/index.ts'));
    expect(out.text).toBe(out.structured?.matches.join('\n'));
    expect((await find({ pattern: 'src/*.ts' })).rels).toEqual(['src/index.ts', 'src/util.test.ts']);
  });

  it('matches a glob without "/" against names at any depth, and plain text as a name fragment', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, PROJECT);
    expect((await find({ pattern: '*.test.ts' })).rels).toEqual(['src/util.test.ts']);
    expect((await find({ pattern: 'package.json' })).rels).toEqual([
      'package.json',
      'packages/a/package.json',
    ]);
    // Plain text: case-insensitive substring of the name, directories included.
    expect((await find({ pattern: 'READ' })).rels).toEqual(['README.md', 'src/lib/readme.txt']);
    expect((await find({ pattern: 'lib' })).rels).toEqual(['src/lib']);
    expect((await find({ pattern: 'nothing-like-this' })).text).toBe('No matches.');
  });
});

describe('search_files', () => {
  it('never walks node_modules or .git by default; defaultExcludes: false searches them', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, PROJECT);
    await writeBulkTree(path.join(fx.root, '.git/objects'), { dirs: 10, filesPerDir: 2 });
    expect((await find({ pattern: 'index.ts' })).rels).toEqual(['src/index.ts']);
    expect((await find({ pattern: 'f0.txt' })).rels).toEqual([]);
    const all = await find({ pattern: 'index.ts', defaultExcludes: false });
    expect(all.rels).toEqual(['src/index.ts', 'node_modules/dep/index.ts']);
  });

  it('skips directories named .* by default; includeHiddenDirs walks into them', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, {
      '.venv/lib/site.py': '',
      '.cache/x/cached.py': '',
      '.github/workflows/ci.yml': '',
      '.git/hooks/pre-commit.py': '',
      'src/app.py': '',
      'src/.env.py': '',
    });
    // Dot-files stay visible; only dot-directories are skipped.
    expect((await find({ pattern: '*.py' })).rels).toEqual(['src/.env.py', 'src/app.py']);
    expect((await find({ pattern: '*', includeHiddenDirs: true })).rels).toContain(
      '.github/workflows/ci.yml',
    );
    expect((await find({ pattern: '*.py', includeHiddenDirs: true })).rels).toEqual([
      'src/.env.py',
      'src/app.py',
      '.cache/x/cached.py',
      '.venv/lib/site.py',
    ]);
    // .git stays a default exclude too: both switches open it.
    expect((await find({ pattern: '*.py', includeHiddenDirs: true, defaultExcludes: false })).rels).toContain(
      '.git/hooks/pre-commit.py',
    );
    // A dot-directory named as the path is searched: only the ones below it are skipped.
    expect((await find({ path: path.join(fx.root, '.github'), pattern: '*.yml' })).rels).toEqual([
      '.github/workflows/ci.yml',
    ]);
  });

  it('adds excludePatterns, official style (**/x/**) and name style', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, PROJECT);
    expect((await find({ pattern: '*.ts', excludePatterns: ['**/lib/**', '*.test.ts'] })).rels).toEqual([
      'src/index.ts',
      'packages/a/src/a.ts',
    ]);
    expect((await find({ pattern: '*.ts', excludePatterns: ['packages'] })).rels).toEqual([
      'src/index.ts',
      'src/util.test.ts',
      'src/lib/deep.ts',
    ]);
  });

  it('stops exactly at maxResults, and honours maxDepth and nested .gitignore', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, { ...PROJECT, '.gitignore': 'packages/\n', 'src/.gitignore': 'deep.ts\n' });
    const all = { pattern: '*.ts', respectGitignore: false };
    const exact = await find({ ...all, maxResults: 4 });
    expect(exact.structured?.truncated).toBe(false);
    const cut = await find({ ...all, maxResults: 3 });
    expect(cut.structured).toMatchObject({ truncated: true });
    expect(cut.rels).toEqual(['src/index.ts', 'src/util.test.ts', 'src/lib/deep.ts']);
    expect(cut.text).toContain('[Stopped at 3 matches.');
    expect((await find({ ...all, maxDepth: 2 })).rels).toEqual(['src/index.ts', 'src/util.test.ts']);
    // .gitignore files are respected by default.
    expect((await find({ pattern: '*.ts' })).rels).toEqual(['src/index.ts', 'src/util.test.ts']);
  });

  it('lists a symlink that matches but never searches through it to outside', async () => {
    fx = await makeFixture();
    await writeTree(fx.outside, { 'leak/secret.ts': '' });
    await symlink(fx.outside, path.join(fx.root, 'link.ts'));
    await symlink(path.join(fx.outside, 'leak'), path.join(fx.root, 'leakdir'));
    const out = await find({ pattern: '**/*' });
    expect(out.rels).toEqual(['leakdir', 'link.ts']);
    expect(out.text).not.toContain(fx.outside);
  });

  it('rejects an empty pattern, a bad glob and a file path clearly', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, { 'f.txt': '' });
    expect((await find({ pattern: '  ' })).text).toMatch(/^Invalid input: pattern is empty/);
    expect((await find({ path: 'f.txt', pattern: '*' })).text).toMatch(/is a file, not a directory/);
    expect((await find({ path: '../', pattern: '*' })).text).toMatch(/^Permission denied/);
  });

  it('reports progress on a few thousand files and survives a cancelled call', async () => {
    fx = await makeFixture();
    await writeBulkTree(fx.root, { dirs: 50, filesPerDir: 60 });
    const seen: number[] = [];
    const out = await find({ pattern: 'f59.txt' }, { onprogress: (p) => seen.push(p.progress) });
    expect(out.rels).toHaveLength(50);
    expect(seen.length).toBeGreaterThan(0);
    const controller = new AbortController();
    const call = find(
      { pattern: '*.txt' },
      { signal: controller.signal, onprogress: () => controller.abort() },
    );
    await expect(call).rejects.toThrow();
    expect((await find({ pattern: 'f59.txt', maxDepth: 1 })).rels).toEqual(['f59.txt']);
  });
});
