import { execFileSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTree } from '../fs/tree.test-support.js';
import { type Fixture, makeFixture } from '../test-helpers.js';

type Out = { path: string; entries: Array<{ name: string; type: string }> };

let fx: Fixture;
afterEach(() => fx.close());

describe.each(['legacy', 'modern'] as const)('list_directory (%s)', (era) => {
  it('lists directories first, then files, marking symlinks without following them', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, {
      'b.txt': '',
      'A.md': '',
      'zdir/x': '',
      'adir/': '',
      '.hidden': '',
      'node_modules/m': '',
    });
    await symlink(fx.outside, path.join(fx.root, 'out-link'));
    const out = await callTool<Out>(fx.client, 'list_directory', { path: fx.root });
    expect(out.isError).toBe(false);
    expect(out.structured).toEqual({
      path: fx.root,
      entries: [
        { name: 'adir', type: 'directory' },
        { name: 'node_modules', type: 'directory' },
        { name: 'zdir', type: 'directory' },
        { name: '.hidden', type: 'file' },
        { name: 'A.md', type: 'file' },
        { name: 'b.txt', type: 'file' },
        { name: 'out-link', type: 'symlink' },
      ],
    });
    expect(out.text).toBe(
      '[DIR] adir\n[DIR] node_modules\n[DIR] zdir\n[FILE] .hidden\n[FILE] A.md\n[FILE] b.txt\n[LINK] out-link',
    );
  });

  it('accepts a path relative to the allowed directory and says when it is empty', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'empty'));
    const out = await callTool<Out>(fx.client, 'list_directory', { path: 'empty' });
    expect(out.structured).toEqual({ path: path.join(fx.root, 'empty'), entries: [] });
    expect(out.text).toBe(`${path.join(fx.root, 'empty')} is empty.`);
  });
});

describe('list_directory errors', () => {
  it('refuses a file, a missing path, a path outside and a symlink leading outside', async () => {
    fx = await makeFixture();
    await writeTree(fx.root, { 'f.txt': 'x' });
    await symlink(fx.outside, path.join(fx.root, 'out-link'));
    const file = await callTool(fx.client, 'list_directory', { path: 'f.txt' });
    expect(file).toMatchObject({ isError: true });
    expect(file.text).toMatch(/is a file, not a directory/);
    const missing = await callTool(fx.client, 'list_directory', { path: 'nope' });
    expect(missing.text).toMatch(/^Not found/);
    const outside = await callTool(fx.client, 'list_directory', { path: fx.outside });
    expect(outside.text).toMatch(/^Permission denied.*outside the allowed directories/);
    const viaLink = await callTool(fx.client, 'list_directory', { path: 'out-link' });
    expect(viaLink.text).toMatch(/^Permission denied/);
  });
});

describe.skipIf(process.platform === 'win32')('list_directory on a FIFO', () => {
  it('refuses it as not a directory, without waiting for a writer', async () => {
    fx = await makeFixture();
    execFileSync('mkfifo', [path.join(fx.root, 'pipe')]);
    const out = await callTool(fx.client, 'list_directory', { path: 'pipe' });
    expect(out).toMatchObject({ isError: true });
    expect(out.text).toMatch(/pipe is a file, not a directory/);
  });
});
