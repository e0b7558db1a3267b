import { mkdir, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('create_directory (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('creates missing parents and reports created', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'create_directory', { path: 'a/b/c' });
    expect(out.isError).toBe(false);
    expect(out.structured).toEqual({ path: path.join(fx.root, 'a/b/c'), created: true });
    expect((await stat(path.join(fx.root, 'a/b/c'))).isDirectory()).toBe(true);
  });

  it('succeeds without change when the directory exists', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'docs'));
    await writeFile(path.join(fx.root, 'docs/keep.txt'), 'kept');
    const out = await callTool(fx.client, 'create_directory', { path: 'docs' });
    expect(out.structured).toEqual({ path: path.join(fx.root, 'docs'), created: false });
    expect(out.text).toContain('Already exists');
    expect(await readdir(path.join(fx.root, 'docs'))).toEqual(['keep.txt']);
  });

  it('fails clearly when a file is in the way', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'taken'), 'file');
    const direct = await callTool(fx.client, 'create_directory', { path: 'taken' });
    expect(direct.isError).toBe(true);
    expect(direct.text).toMatch(/exists and is not a directory/);
    const below = await callTool(fx.client, 'create_directory', { path: 'taken/sub' });
    expect(below.isError).toBe(true);
    expect(below.text).toMatch(/Not a directory/);
  });

  it('refuses a directory outside the sandbox and through a symlink that leaves it', async () => {
    fx = await makeFixture(era);
    await symlink(fx.outside, path.join(fx.root, 'escape'));
    for (const p of [path.join(fx.outside, 'new'), '../x', 'escape/new']) {
      const out = await callTool(fx.client, 'create_directory', { path: p });
      expect(out.isError, p).toBe(true);
      expect(out.text).toMatch(/outside the allowed directories/);
    }
    expect(await readdir(fx.outside)).toEqual([]);
  });

  it('creates nothing outside through a dangling symlink in the middle of the path', async () => {
    fx = await makeFixture(era);
    await symlink(path.join(fx.outside, 'not-yet'), path.join(fx.root, 'dangling'));
    const out = await callTool(fx.client, 'create_directory', { path: 'dangling/sub' });
    expect(out.isError).toBe(true);
    expect(await readdir(fx.outside)).toEqual([]);
  });
});
