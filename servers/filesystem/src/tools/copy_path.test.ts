import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

const exists = (p: string) =>
  lstat(p).then(
    () => true,
    () => false,
  );

describe.each(['legacy', 'modern'] as const)('copy_path (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('copies a file into new parent directories and leaves no staging files', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'a.txt'), 'hello');
    const out = await callTool(fx.client, 'copy_path', { source: 'a.txt', destination: 'x/y/b.txt' });
    expect(out.structured).toMatchObject({
      source: path.join(fx.root, 'a.txt'),
      destination: path.join(fx.root, 'x/y/b.txt'),
      type: 'file',
      replaced: false,
      files: 1,
      bytes: 5,
    });
    expect(await readFile(path.join(fx.root, 'x/y/b.txt'), 'utf8')).toBe('hello');
    expect(await readFile(path.join(fx.root, 'a.txt'), 'utf8')).toBe('hello');
    expect(await readdir(path.join(fx.root, 'x/y'))).toEqual(['b.txt']);
  });

  it('copies content larger than one read chunk exactly, with the file mode', async () => {
    fx = await makeFixture(era);
    const data = randomBytes(3 * 1024 * 1024 + 17);
    await writeFile(path.join(fx.root, 'big.bin'), data);
    await chmod(path.join(fx.root, 'big.bin'), 0o751);
    const out = await callTool(fx.client, 'copy_path', { source: 'big.bin', destination: 'copy.bin' });
    expect(out.structured).toMatchObject({ bytes: data.length });
    expect((await readFile(path.join(fx.root, 'copy.bin'))).equals(data)).toBe(true);
    expect((await stat(path.join(fx.root, 'copy.bin'))).mode & 0o777).toBe(0o751);
  });

  it('needs recursive: true for a directory', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'dir'));
    const out = await callTool(fx.client, 'copy_path', { source: 'dir', destination: 'copy' });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('recursive: true');
    expect(await exists(path.join(fx.root, 'copy'))).toBe(false);
  });

  it('copies a tree, keeping symlinks as links so no outside content is copied', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.outside, 'secret.txt'), 'SECRET');
    await mkdir(path.join(fx.root, 'tree/sub'), { recursive: true });
    await writeFile(path.join(fx.root, 'tree/sub/f.txt'), 'f');
    await symlink(path.join(fx.outside, 'secret.txt'), path.join(fx.root, 'tree/secret-link'));
    await symlink(fx.outside, path.join(fx.root, 'tree/outside-dir'));

    const out = await callTool(fx.client, 'copy_path', {
      source: 'tree',
      destination: 'copy',
      recursive: true,
    });
    expect(out.structured).toMatchObject({ type: 'directory', files: 1, directories: 2, symlinks: 2 });
    expect(await readFile(path.join(fx.root, 'copy/sub/f.txt'), 'utf8')).toBe('f');
    for (const name of ['secret-link', 'outside-dir']) {
      expect((await lstat(path.join(fx.root, 'copy', name))).isSymbolicLink()).toBe(true);
    }
    expect(await readlink(path.join(fx.root, 'copy/secret-link'))).toBe(path.join(fx.outside, 'secret.txt'));
    // The copied link gives no more access than the original one did.
    const through = await callTool(fx.client, 'get_file_info', { path: 'copy/secret-link' });
    expect(through.isError).toBe(true);
    expect(await readdir(fx.outside)).toEqual(['secret.txt']);
  });

  it('refuses a source that is a symlink to outside content', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.outside, 'secret.txt'), 'SECRET');
    await symlink(path.join(fx.outside, 'secret.txt'), path.join(fx.root, 'link'));
    await symlink(fx.outside, path.join(fx.root, 'dir-link'));
    for (const source of ['link', 'dir-link', path.join(fx.outside, 'secret.txt')]) {
      const out = await callTool(fx.client, 'copy_path', { source, destination: 'loot', recursive: true });
      expect(out.isError, source).toBe(true);
      expect(out.text).toMatch(/outside the allowed directories/);
    }
    expect(await exists(path.join(fx.root, 'loot'))).toBe(false);
  });

  it('refuses to copy out of the sandbox', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'a.txt'), 'a');
    await symlink(fx.outside, path.join(fx.root, 'escape'));
    for (const destination of [path.join(fx.outside, 'a.txt'), 'escape/a.txt', '../a.txt']) {
      const out = await callTool(fx.client, 'copy_path', { source: 'a.txt', destination });
      expect(out.isError, destination).toBe(true);
    }
    expect(await readdir(fx.outside)).toEqual([]);
  });

  it('keeps an existing destination unless overwrite: true, then replaces it whole', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'new.txt'), 'new');
    await writeFile(path.join(fx.root, 'old.txt'), 'old');
    const kept = await callTool(fx.client, 'copy_path', { source: 'new.txt', destination: 'old.txt' });
    expect(kept.isError).toBe(true);
    expect(kept.text).toContain('overwrite: true');
    expect(await readFile(path.join(fx.root, 'old.txt'), 'utf8')).toBe('old');

    const replaced = await callTool(fx.client, 'copy_path', {
      source: 'new.txt',
      destination: 'old.txt',
      overwrite: true,
    });
    expect(replaced.structured).toMatchObject({ replaced: true });
    expect(await readFile(path.join(fx.root, 'old.txt'), 'utf8')).toBe('new');

    await mkdir(path.join(fx.root, 'src'));
    await writeFile(path.join(fx.root, 'src/one.txt'), '1');
    await mkdir(path.join(fx.root, 'dst'));
    await writeFile(path.join(fx.root, 'dst/stale.txt'), 'stale');
    const dir = await callTool(fx.client, 'copy_path', {
      source: 'src',
      destination: 'dst',
      recursive: true,
      overwrite: true,
    });
    expect(dir.structured).toMatchObject({ replaced: true, type: 'directory' });
    expect(await readdir(path.join(fx.root, 'dst'))).toEqual(['one.txt']);
    expect((await readdir(fx.root)).sort()).toEqual(['dst', 'new.txt', 'old.txt', 'src']);
  });

  it('refuses to replace a directory with a file, or to copy into itself', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'f.txt'), 'f');
    await mkdir(path.join(fx.root, 'd'));
    await writeFile(path.join(fx.root, 'd/keep.txt'), 'k');
    const mismatch = await callTool(fx.client, 'copy_path', {
      source: 'f.txt',
      destination: 'd',
      overwrite: true,
    });
    expect(mismatch.isError).toBe(true);
    expect(mismatch.text).toMatch(/Cannot replace a directory with a file/);
    const self = await callTool(fx.client, 'copy_path', {
      source: 'd',
      destination: 'd/inner',
      recursive: true,
    });
    expect(self.isError).toBe(true);
    expect(self.text).toMatch(/into itself/);
    expect(await readdir(path.join(fx.root, 'd'))).toEqual(['keep.txt']);
  });

  it('refuses to replace an allowed directory', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'src'));
    const out = await callTool(fx.client, 'copy_path', {
      source: 'src',
      destination: fx.root,
      recursive: true,
      overwrite: true,
    });
    expect(out.isError).toBe(true);
    expect(await readdir(fx.root)).toEqual(['src']);
  });

  it('skips special files and lists them', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'tree'));
    await writeFile(path.join(fx.root, 'tree/f.txt'), 'f');
    execFileSync('mkfifo', [path.join(fx.root, 'tree/pipe')]);
    const out = await callTool(fx.client, 'copy_path', {
      source: 'tree',
      destination: 'copy',
      recursive: true,
    });
    expect(out.structured).toMatchObject({ files: 1, skipped: ['pipe'], skippedCount: 1 });
    expect(out.text).toContain('pipe');
    expect(await readdir(path.join(fx.root, 'copy'))).toEqual(['f.txt']);

    const direct = await callTool(fx.client, 'copy_path', { source: 'tree/pipe', destination: 'p2' });
    expect(direct.isError).toBe(true);
    expect(direct.text).toMatch(/not a regular file or directory/);
  });
});
