import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBulkTree, writeTree } from '../fs/tree.test-support.js';
import { type Fixture, makeFixture } from '../test-helpers.js';

interface Match {
  path: string;
  line: number;
  column: number;
  text: string;
  before?: string[];
  after?: string[];
}
interface Out {
  matches?: Match[];
  files?: string[];
  truncated: boolean;
  filesScanned: number;
  filesSkipped: number;
}

let fx: Fixture;
afterEach(() => fx.close());
const search = (args: Record<string, unknown>, opts?: Parameters<typeof callTool>[3]) =>
  callTool<Out>(fx.client, 'search_content', { path: fx.root, ...args }, opts);

describe.each(['legacy', 'modern'] as const)('search_content (%s)', (era) => {
  it('finds matching lines case-insensitively by regex, grouped by file in the text', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, {
      'src/a.ts': 'const x = 1;\n// TODO: fix\nlet todo = 2;\n',
      'src/b.ts': 'nothing here\n',
      'README.md': 'todo list\n',
    });
    const out = await search({ pattern: 'to+do' });
    expect(out.isError).toBe(false);
    expect(out.structured).toEqual({
      matches: [
        { path: path.join(fx.root, 'README.md'), line: 1, column: 1, text: 'todo list' },
        { path: path.join(fx.root, 'src/a.ts'), line: 2, column: 4, text: '// TODO: fix' },
        { path: path.join(fx.root, 'src/a.ts'), line: 3, column: 5, text: 'let todo = 2;' },
      ],
      truncated: false,
      filesScanned: 3,
      filesSkipped: 0,
    });
    expect(out.text).toBe(
      [
        '3 matching lines in 2 files (3 searched)',
        path.join(fx.root, 'README.md'),
        '  1: todo list',
        path.join(fx.root, 'src/a.ts'),
        '  2: // TODO: fix',
        '  3: let todo = 2;',
      ].join('\n'),
    );
  });

  it('reports an invalid regex as a clear input error', async () => {
    fx = await makeFixture(era);
    const out = await search({ pattern: 'foo(bar' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^Invalid input: Invalid regular expression "foo\(bar"/);
    expect(out.text).toContain('literal: true');
  });

  it('lists matching files only, and stops exactly at maxResults', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, { 'a.txt': 'hit\nhit\n', 'b.txt': 'hit\n', 'c.txt': 'miss\n' });
    const files = await search({ pattern: 'hit', filesOnly: true });
    expect(files.structured).toMatchObject({
      files: [path.join(fx.root, 'a.txt'), path.join(fx.root, 'b.txt')],
      truncated: false,
    });
    expect(files.structured?.matches).toBeUndefined();
    const exact = await search({ pattern: 'hit', maxResults: 3 });
    expect(exact.structured).toMatchObject({ truncated: false });
    expect(exact.structured?.matches).toHaveLength(3);
    const cut = await search({ pattern: 'hit', maxResults: 2 });
    expect(cut.structured).toMatchObject({ truncated: true });
    expect(cut.structured?.matches?.map((m) => [path.basename(m.path), m.line])).toEqual([
      ['a.txt', 1],
      ['a.txt', 2],
    ]);
    expect(cut.text).toContain('more exist');
  });
});

describe('search_content', () => {
  it('treats a literal pattern as text and honours caseSensitive', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, { 'f.txt': 'call a.b(1)\ncall axb(1)\nCALL A.B(1)\n' });
    const lit = await search({ pattern: 'a.b(', literal: true });
    expect(lit.structured?.matches?.map((m) => m.line)).toEqual([1, 3]);
    const cs = await search({ pattern: 'a.b(', literal: true, caseSensitive: true });
    expect(cs.structured?.matches?.map((m) => m.line)).toEqual([1]);
    const re = await search({ pattern: 'a.b\\(', caseSensitive: true });
    expect(re.structured?.matches?.map((m) => m.line)).toEqual([1, 2]);
  });

  it('filters files with include and exclude globs; exclude prunes directories', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, {
      'src/a.ts': 'key',
      'src/a.md': 'key',
      'src/gen/g.ts': 'key',
      'vendor/v.ts': 'key',
    });
    const out = await search({ pattern: 'key', include: ['*.ts'], exclude: ['vendor', 'src/gen/**'] });
    expect(out.structured?.matches?.map((m) => path.relative(fx.root, m.path))).toEqual(['src/a.ts']);
    const pathGlob = await search({ pattern: 'key', include: ['src/**/*.ts'] });
    expect(pathGlob.structured?.matches?.map((m) => path.relative(fx.root, m.path))).toEqual([
      'src/a.ts',
      'src/gen/g.ts',
    ]);
  });

  it('shows context lines in the structure and the text', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, { 'f.txt': 'one\ntwo\nMATCH\nthree\nfour\nfive\nsix\nMATCH\n' });
    const out = await search({ pattern: 'match', contextLines: 1 });
    expect(out.structured?.matches?.map(({ line, before, after }) => ({ line, before, after }))).toEqual([
      { line: 3, before: ['two'], after: ['three'] },
      { line: 8, before: ['six'], after: undefined },
    ]);
    expect(out.text.split('\n').slice(2)).toEqual([
      '  2- two',
      '  3: MATCH',
      '  4- three',
      '  --',
      '  7- six',
      '  8: MATCH',
    ]);
  });

  it('respects nested .gitignore by default, and never scans node_modules or .git', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, {
      '.gitignore': 'dist/\n*.log\n',
      'dist/out.js': 'secret',
      'app.log': 'secret',
      'src/.gitignore': 'local.ts\n',
      'src/local.ts': 'secret',
      'src/main.ts': 'secret',
      '.git/config': 'secret',
    });
    await writeBulkTree(path.join(fx.root, 'node_modules'), {
      dirs: 20,
      filesPerDir: 5,
      content: () => 'secret',
    });
    const out = await search({ pattern: 'secret' });
    expect(out.structured?.matches?.map((m) => path.relative(fx.root, m.path))).toEqual(['src/main.ts']);
    // .gitignore, src/.gitignore and src/main.ts: nothing under node_modules, .git or ignored paths was read.
    expect(out.structured?.filesScanned).toBe(3);

    const all = await search({
      pattern: 'secret',
      respectGitignore: false,
      defaultExcludes: false,
      includeHiddenDirs: true,
      filesOnly: true,
    });
    expect(all.structured?.files).toHaveLength(5 + 100);
  });

  it('skips binary files and files over maxFileSize, and counts them', async () => {
    fx = await makeFixture('legacy', { maxFileSize: 1000 });
    await writeFile(
      path.join(fx.root, 'img.png'),
      Buffer.from([0x89, 0x50, 0x00, 0x00, ...Buffer.from('word')]),
    );
    await writeFile(path.join(fx.root, 'big.txt'), `${'x'.repeat(2000)}\nword\n`);
    await writeFile(path.join(fx.root, 'ok.txt'), 'a word\n');
    const out = await search({ pattern: 'word' });
    expect(out.structured).toMatchObject({ filesScanned: 1, filesSkipped: 2, truncated: false });
    expect(out.structured?.matches?.map((m) => path.basename(m.path))).toEqual(['ok.txt']);
    expect(out.text).toContain('2 skipped');
  });

  it('searches a single file when path is a file', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, { 'notes.md': '# Title\nsome words\n' });
    const out = await search({ path: 'notes.md', pattern: 'words' });
    expect(out.structured?.matches).toEqual([
      { path: path.join(fx.root, 'notes.md'), line: 2, column: 6, text: 'some words' },
    ]);
  });

  it('never reads through a symlink that points outside the sandbox', async () => {
    fx = await makeFixture();
    await writeTree(fx.outside, { 'private/key.txt': 'TOPSECRET', 'loose.txt': 'TOPSECRET' });
    await symlink(path.join(fx.outside, 'private'), path.join(fx.root, 'dirlink'));
    await symlink(path.join(fx.outside, 'loose.txt'), path.join(fx.root, 'filelink.txt'));
    await writeTree(fx.root, { 'inside.txt': 'no secrets' });
    const out = await search({ pattern: 'topsecret', respectGitignore: false });
    expect(out.structured).toMatchObject({ matches: [], filesScanned: 1 });
    expect(out.text).not.toContain(fx.outside);
    const direct = await search({ path: 'filelink.txt', pattern: 'topsecret' });
    expect(direct.isError).toBe(true);
    expect(direct.text).toMatch(/outside the allowed directories/);
  });

  it('reports a nonexistent path as not found', async () => {
    fx = await makeFixture();
    const out = await search({ path: 'nope', pattern: 'x' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^Not found/);
  });

  it('reports progress on a large tree, and a cancelled search stops without breaking the next one', async () => {
    fx = await makeFixture();
    await writeBulkTree(fx.root, { dirs: 50, filesPerDir: 60 });
    const seen: number[] = [];
    const full = await search({ pattern: 'value 2999$' }, { onprogress: (p) => seen.push(p.progress) });
    expect(full.structured?.matches).toHaveLength(1);
    expect(full.structured?.filesScanned).toBe(3000);
    expect(seen.length).toBeGreaterThan(0);

    const controller = new AbortController();
    const cancelled = search(
      { pattern: '(a+)+$', filesOnly: true },
      { signal: controller.signal, onprogress: () => controller.abort() },
    );
    await expect(cancelled).rejects.toThrow();
    const after = await search({ pattern: 'value 7$' });
    expect(after.structured?.matches?.map((m) => m.text)).toEqual(['value 7']);
  });

  it('cancelling a runaway regex terminates its worker and keeps the server responsive', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, { 'evil.txt': `${'a'.repeat(40)}!\n`, 'fine.txt': 'fine\n' });
    await search({ pattern: 'fine' });
    const controller = new AbortController();
    // Exponential backtracking: this would not finish for days.
    const call = search({ pattern: '^(a+)+$' }, { signal: controller.signal });
    // One worker stays busy with the regex while the call runs.
    await expect
      .poll(() => fx.searchPool.workers().live - fx.searchPool.workers().idle, { timeout: 5000 })
      .toBe(1);
    controller.abort();
    await expect(call).rejects.toThrow();
    await expect
      .poll(() => fx.searchPool.workers().live - fx.searchPool.workers().idle, { timeout: 5000 })
      .toBe(0);
    const next = await search({ pattern: 'fine' });
    expect(next.structured?.matches).toHaveLength(1);
  });
});
