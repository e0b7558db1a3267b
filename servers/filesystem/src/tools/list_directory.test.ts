import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTree } from '../fs/tree.test-support.js';
import { type Fixture, makeFixture } from '../test-helpers.js';

type Out = { path: string; directories: string[]; files: string[]; symlinks: string[]; other: string[] };

let fx: Fixture;
const sockets: Array<() => void> = [];
afterEach(async () => {
  for (const close of sockets.splice(0)) close();
  await fx.close();
});

/** A Unix socket at `file`: neither file, directory nor link. */
async function listenOn(file: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(file, resolve));
  sockets.push(() => server.close());
}

describe.each(['legacy', 'modern'] as const)('list_directory (%s)', (era) => {
  it('groups the entries by type, directories first, marking symlinks without following them', async () => {
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
    await symlink('b.txt', path.join(fx.root, 'a-link'));
    await writeFile(path.join(fx.root, 'z.txt'), '');
    await listenOn(path.join(fx.root, 'sock'));
    const out = await callTool<Out>(fx.client, 'list_directory', { path: fx.root });
    expect(out.isError).toBe(false);
    expect(out.structured).toEqual({
      path: fx.root,
      directories: ['adir', 'node_modules', 'zdir'],
      files: ['.hidden', 'A.md', 'b.txt', 'z.txt'],
      symlinks: ['a-link', 'out-link'],
      other: ['sock'],
    });
    // Grouped by type in the text too: directories, files, links, then anything else.
    expect(out.text).toBe(
      '[DIR] adir\n[DIR] node_modules\n[DIR] zdir\n[FILE] .hidden\n[FILE] A.md\n[FILE] b.txt\n[FILE] z.txt\n' +
        '[LINK] a-link\n[LINK] out-link\n[OTHER] sock',
    );
  });

  it('accepts a path relative to the allowed directory and says when it is empty', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'empty'));
    const out = await callTool<Out>(fx.client, 'list_directory', { path: 'empty' });
    expect(out.structured).toEqual({
      path: path.join(fx.root, 'empty'),
      directories: [],
      files: [],
      symlinks: [],
      other: [],
    });
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
