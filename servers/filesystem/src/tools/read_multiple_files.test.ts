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
