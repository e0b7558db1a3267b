import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBulkTree, writeTree } from '../fs/tree.test-support.js';
import { type Fixture, makeFixture } from '../test-helpers.js';

type Out = {
  path: string;
  bytes: number;
  size: string;
  files: number;
  directories: number;
  symlinks: number;
  unreadable: number;
};

describe.each(['legacy', 'modern'] as const)('calculate_directory_size (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('sums every file, hidden and ignored ones included, and never follows a symlink', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, {
      'a.txt': 'x'.repeat(1000),
      'sub/b.txt': 'y'.repeat(536),
      '.git/objects/o': 'z'.repeat(24),
      'node_modules/m.js': 'm'.repeat(488),
      '.gitignore': 'sub/\n',
    });
    await writeFile(path.join(fx.outside, 'huge.bin'), Buffer.alloc(100_000));
    await symlink(path.join(fx.outside, 'huge.bin'), path.join(fx.root, 'link.bin'));
    await symlink(fx.outside, path.join(fx.root, 'linkdir'));
    const out = await callTool<Out>(fx.client, 'calculate_directory_size', { root_path: '.' });
    expect(out.structured).toEqual({
      path: fx.root,
      bytes: 1000 + 536 + 24 + 488 + 5,
      size: '2.0 KB',
      files: 5,
      directories: 4,
      symlinks: 2,
      unreadable: 0,
    });
    expect(out.text).toBe(`${fx.root}: 2.0 KB in 5 files, 4 directories`);
    const bytes = await callTool<Out>(fx.client, 'calculate_directory_size', {
      root_path: 'sub',
      output_format: 'bytes',
    });
    expect(bytes.structured).toMatchObject({ bytes: 536, size: '536', files: 1, directories: 0 });
    expect(bytes.text).toBe(`${fx.root}/sub: 536 in 1 file, 0 directories`);
  });

  it('measures more files than one batch of lookups', async () => {
    fx = await makeFixture(era);
    const files = await writeBulkTree(fx.root, { dirs: 10, filesPerDir: 60, content: () => '1234567890' });
    const out = await callTool<Out>(fx.client, 'calculate_directory_size', { root_path: fx.root });
    expect(out.structured).toMatchObject({ files, bytes: files * 10, directories: 9 });
  });

  it('refuses a file, a missing path and a path outside the sandbox', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, { 'f.txt': '' });
    const call = (root_path: string) => callTool(fx.client, 'calculate_directory_size', { root_path });
    expect((await call('f.txt')).text).toMatch(/is a file, not a directory/);
    expect((await call('nope')).text).toMatch(/does not exist/);
    expect((await call(fx.outside)).text).toMatch(/outside the allowed directories/);
  });
});
