import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

const exists = (p: string) =>
  lstat(p).then(
    () => true,
    () => false,
  );

describe.each(['legacy', 'modern'] as const)('delete_path (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('deletes a file', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'gone.txt'), 'bye');
    const out = await callTool(fx.client, 'delete_path', { path: 'gone.txt' });
    expect(out.structured).toEqual({ path: path.join(fx.root, 'gone.txt'), type: 'file' });
    expect(await exists(path.join(fx.root, 'gone.txt'))).toBe(false);
  });

  it('deletes an empty directory, and a non-empty one only with recursive: true', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'empty'));
    await mkdir(path.join(fx.root, 'full/deep'), { recursive: true });
    await writeFile(path.join(fx.root, 'full/deep/f.txt'), 'x');

    expect((await callTool(fx.client, 'delete_path', { path: 'empty' })).structured).toMatchObject({
      type: 'directory',
    });
    expect(await exists(path.join(fx.root, 'empty'))).toBe(false);

    const refused = await callTool(fx.client, 'delete_path', { path: 'full' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/not empty/);
    expect(refused.text).toContain('recursive: true');
    expect(await readFile(path.join(fx.root, 'full/deep/f.txt'), 'utf8')).toBe('x');

    const out = await callTool(fx.client, 'delete_path', { path: 'full', recursive: true });
    expect(out.isError).toBe(false);
    expect(await exists(path.join(fx.root, 'full'))).toBe(false);
  });

  it('deletes a symlink itself and never its target, even with recursive: true', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.outside, 'victim.txt'), 'safe');
    await mkdir(path.join(fx.root, 'real-dir'));
    await writeFile(path.join(fx.root, 'real-dir/inner.txt'), 'inner');
    await symlink(path.join(fx.outside, 'victim.txt'), path.join(fx.root, 'out-link'));
    await symlink(path.join(fx.root, 'real-dir'), path.join(fx.root, 'dir-link'));
    await symlink(path.join(fx.outside, 'missing'), path.join(fx.root, 'dangling'));

    for (const name of ['out-link', 'dir-link', 'dangling']) {
      const out = await callTool(fx.client, 'delete_path', { path: name, recursive: true });
      expect(out.structured, name).toEqual({ path: path.join(fx.root, name), type: 'symlink' });
      expect(await exists(path.join(fx.root, name))).toBe(false);
    }
    expect(await readFile(path.join(fx.outside, 'victim.txt'), 'utf8')).toBe('safe');
    expect(await readFile(path.join(fx.root, 'real-dir/inner.txt'), 'utf8')).toBe('inner');
  });

  it('leaves outside content alone when a deleted tree holds links to it', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.outside, 'victim.txt'), 'safe');
    await mkdir(path.join(fx.root, 'tree'));
    await symlink(fx.outside, path.join(fx.root, 'tree/to-outside'));
    const out = await callTool(fx.client, 'delete_path', { path: 'tree', recursive: true });
    expect(out.isError).toBe(false);
    expect(await readdir(fx.outside)).toEqual(['victim.txt']);
  });

  it('refuses to delete an allowed directory, however it is named', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'keep.txt'), 'k');
    for (const p of [fx.root, `${fx.root}/`, '.', `${fx.root}/sub/..`]) {
      const out = await callTool(fx.client, 'delete_path', { path: p, recursive: true });
      expect(out.isError, p).toBe(true);
      expect(out.text).toMatch(/allowed directory/);
    }
    expect(await readdir(fx.root)).toEqual(['keep.txt']);
  });

  it('refuses a path outside the sandbox, by absolute path or by ..', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.outside, 'victim.txt'), 'safe');
    const rel = path.relative(fx.root, path.join(fx.outside, 'victim.txt'));
    for (const p of [path.join(fx.outside, 'victim.txt'), rel, `sub/../${rel}`]) {
      const out = await callTool(fx.client, 'delete_path', { path: p });
      expect(out.isError, p).toBe(true);
      expect(out.text).toMatch(/outside the allowed directories/);
    }
    expect(await readFile(path.join(fx.outside, 'victim.txt'), 'utf8')).toBe('safe');
  });

  it('refuses an entry inside a symlinked directory that points outside', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.outside, 'victim.txt'), 'safe');
    await symlink(fx.outside, path.join(fx.root, 'escape'));
    const out = await callTool(fx.client, 'delete_path', { path: 'escape/victim.txt' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/outside the allowed directories/);
    expect(await readFile(path.join(fx.outside, 'victim.txt'), 'utf8')).toBe('safe');
  });

  it('reports a missing path as not found', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'delete_path', { path: 'nope.txt' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^Not found: nope.txt does not exist/);
  });
});
