import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { humanSize } from '../fs/human-size.js';
import { writeTree } from '../fs/tree.test-support.js';
import { type Fixture, makeFixture } from '../test-helpers.js';

type Out = {
  path: string;
  entries: Array<{ name: string; type: string; size?: number }>;
  totals: { files: number; directories: number; totalBytes: number };
};

let fx: Fixture;
afterEach(() => fx.close());

describe.each(['legacy', 'modern'] as const)('list_directory_with_sizes (%s)', (era) => {
  it('gives file sizes in bytes and totals, sorted by name or by size', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, {
      'small.txt': 'x'.repeat(10),
      'big.bin': 'y'.repeat(3000),
      'sub/inner.txt': 'zzzz',
    });
    await symlink(path.join(fx.outside), path.join(fx.root, 'link'));
    const byName = await callTool<Out>(fx.client, 'list_directory_with_sizes', { path: fx.root });
    expect(byName.structured).toEqual({
      path: fx.root,
      entries: [
        { name: 'sub', type: 'directory' },
        { name: 'big.bin', type: 'file', size: 3000 },
        { name: 'link', type: 'symlink' },
        { name: 'small.txt', type: 'file', size: 10 },
      ],
      totals: { files: 2, directories: 1, totalBytes: 3010 },
    });
    expect(byName.text).toBe(
      '[DIR] sub\n[FILE] big.bin  2.9 KB\n[LINK] link\n[FILE] small.txt  10 B\nTotal: 2 files, 1 directory, 2.9 KB',
    );

    const bySize = await callTool<Out>(fx.client, 'list_directory_with_sizes', {
      path: fx.root,
      sortBy: 'size',
    });
    expect(bySize.structured?.entries.map((e) => e.name)).toEqual(['big.bin', 'small.txt', 'sub', 'link']);
  });
});

describe('list_directory_with_sizes', () => {
  it('rejects an unknown sortBy with a validation error', async () => {
    fx = await makeFixture();
    const out = await callTool(fx.client, 'list_directory_with_sizes', { path: fx.root, sortBy: 'date' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/sortBy/);
  });

  it('refuses a file', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, { 'f.txt': 'x' });
    const out = await callTool(fx.client, 'list_directory_with_sizes', { path: 'f.txt' });
    expect(out).toMatchObject({ isError: true });
    expect(out.text).toMatch(/f.txt is a file, not a directory/);
  });

  it('formats sizes in binary units', () => {
    expect([0, 1023, 1024, 1536, 10 * 1024, 5 * 1024 ** 3].map(humanSize)).toEqual([
      '0 B',
      '1023 B',
      '1.0 KB',
      '1.5 KB',
      '10 KB',
      '5.0 GB',
    ]);
  });
});
