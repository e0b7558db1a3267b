import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

interface Files {
  files: Array<{ path: string; content?: string; error?: string; truncated: boolean; nextOffset?: number }>;
}

const readMany = (fx: Fixture, paths: string[]) =>
  callTool<Files>(fx.client, 'read_multiple_files', { paths });

describe.each(['legacy', 'modern'] as const)('read_multiple_files (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('returns every file in the order asked, more files than run at once', async () => {
    fx = await makeFixture(era);
    const names = Array.from({ length: 12 }, (_, i) => `f${i}.txt`);
    for (const name of names) await writeFile(path.join(fx.root, name), `content of ${name}\n`);
    const out = await readMany(fx, names);
    expect(out.isError).toBe(false);
    expect(out.structured?.files).toEqual(
      names.map((name) => ({ path: name, content: `content of ${name}\n`, truncated: false })),
    );
    expect(out.text).toContain('=== f0.txt ===\ncontent of f0.txt\n');
  });

  it('reports failures per file and still returns the others', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'good.txt'), 'fine\n');
    await writeFile(path.join(fx.root, 'data.bin'), Buffer.from([1, 0, 2]));
    await writeFile(path.join(fx.outside, 'secret.txt'), 'secret\n');
    await symlink(path.join(fx.outside, 'secret.txt'), path.join(fx.root, 'escape.txt'));
    const out = await readMany(fx, ['good.txt', 'missing.txt', 'data.bin', 'escape.txt', '../x.txt']);
    expect(out.isError).toBe(false);
    const [good, missing, binary, linked, parent] = out.structured!.files;
    expect(good).toEqual({ path: 'good.txt', content: 'fine\n', truncated: false });
    expect(missing?.error).toContain('Not found: missing.txt does not exist');
    expect(binary?.error).toContain('read_media_file');
    expect(linked?.error).toMatch(/outside the allowed directories/);
    expect(parent?.error).toMatch(/outside the allowed directories/);
    expect(out.text).not.toContain('secret\n');
    expect(out.text).toContain('=== missing.txt ===\n[error] Not found');
  });

  it('shares the output cap between files and says where to continue', async () => {
    fx = await makeFixture(era, { maxReadBytes: 8192 });
    const line = `${'x'.repeat(99)}\n`;
    await writeFile(path.join(fx.root, 'big.txt'), line.repeat(100)); // 10,000 bytes
    await writeFile(path.join(fx.root, 'small.txt'), 'small\n');
    const out = await readMany(fx, ['big.txt', 'small.txt']);
    const [big, small] = out.structured!.files;
    // Two files share 8192 bytes: 4096 each, so 40 lines of 100 bytes fit.
    expect(big).toEqual({ path: 'big.txt', content: line.repeat(40), truncated: true, nextOffset: 41 });
    expect(small).toEqual({ path: 'small.txt', content: 'small\n', truncated: false });
    expect(out.text).toContain('Continue with read_text_file offset: 41.');
    const rest = await callTool<{ content: string }>(fx.client, 'read_text_file', {
      path: 'big.txt',
      offset: 41,
    });
    expect(rest.structured?.content).toBe(line.repeat(60));
  });

  it('rejects an empty list and more than 50 paths', async () => {
    fx = await makeFixture(era);
    for (const paths of [[], Array.from({ length: 51 }, (_, i) => `${i}.txt`)]) {
      const out = await readMany(fx, paths);
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(/Input validation error.*paths: Too (small|big)/);
    }
  });
});

describe.each(['legacy', 'modern'] as const)('read_multiple_files head and tail (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());
  const lines = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join('');

  it('head returns the first N lines of every file', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'long.txt'), lines(1, 100));
    await writeFile(path.join(fx.root, 'short.txt'), lines(1, 2));
    const out = await callTool<Files>(fx.client, 'read_multiple_files', {
      paths: ['long.txt', 'short.txt'],
      head: 3,
    });
    expect(out.structured?.files).toEqual([
      { path: 'long.txt', content: lines(1, 3), truncated: false },
      { path: 'short.txt', content: lines(1, 2), truncated: false },
    ]);
  });

  it('tail returns the last N lines of every file, per file errors still reported', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'long.txt'), lines(1, 100));
    await writeFile(path.join(fx.root, 'log.txt'), lines(1, 10));
    const out = await callTool<Files>(fx.client, 'read_multiple_files', {
      paths: ['long.txt', 'log.txt', 'missing.txt'],
      tail: 2,
    });
    const [long, log, missing] = out.structured!.files;
    expect(long).toEqual({ path: 'long.txt', content: lines(99, 100), truncated: false });
    expect(log).toEqual({ path: 'log.txt', content: lines(9, 10), truncated: false });
    expect(missing?.error).toContain('does not exist');
  });

  it('a tail cut by the share of the output cap keeps the last lines', async () => {
    fx = await makeFixture(era, { maxReadBytes: 8192 });
    const line = `${'y'.repeat(99)}\n`;
    await writeFile(path.join(fx.root, 'a.txt'), line.repeat(100));
    await writeFile(path.join(fx.root, 'b.txt'), 'b\n');
    const out = await callTool<Files>(fx.client, 'read_multiple_files', {
      paths: ['a.txt', 'b.txt'],
      tail: 60,
    });
    const [a] = out.structured!.files;
    // 4096 bytes each: the last 40 lines of the 60 asked for.
    expect(a).toMatchObject({ content: line.repeat(40), truncated: true });
    expect(out.text).toContain("[Cut at this file's share of the output limit.");
  });

  it('refuses head and tail together', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'read_multiple_files', { paths: ['x.txt'], head: 1, tail: 1 });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('Use head or tail, not both.');
  });
});
