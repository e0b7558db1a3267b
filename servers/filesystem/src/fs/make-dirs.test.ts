import { mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeDirectories } from './make-dirs.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'refmcp-make-dirs-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const isDir = (p: string) => stat(p).then((s) => s.isDirectory());

it('makes every missing level, and is a no-op for an existing directory or a symlink to one', async () => {
  await makeDirectories(path.join(root, 'a', 'b', 'c'));
  expect(await isDir(path.join(root, 'a', 'b', 'c'))).toBe(true);
  await makeDirectories(path.join(root, 'a', 'b', 'c'));
  await symlink(path.join(root, 'a'), path.join(root, 'link'));
  await makeDirectories(path.join(root, 'link', 'b', 'd'));
  expect(await isDir(path.join(root, 'a', 'b', 'd'))).toBe(true);
});

it('fails like mkdir -p when a file is in the way', async () => {
  await writeFile(path.join(root, 'file'), 'x');
  await expect(makeDirectories(path.join(root, 'file'))).rejects.toMatchObject({ code: 'EEXIST' });
  await expect(makeDirectories(path.join(root, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
});

it('lets concurrent calls make the same levels', async () => {
  const deep = path.join(root, 'x', 'y', 'z');
  await Promise.all(Array.from({ length: 8 }, () => makeDirectories(deep)));
  expect(await isDir(deep)).toBe(true);
});

// On Node 22 and 24, mkdir(..., { recursive: true }) never returns here and spins a thread-pool
// thread at full CPU; this would run into the test's timeout.
it.skipIf(process.platform !== 'linux')('fails at once under a missing folder of /proc', async () => {
  await expect(makeDirectories('/proc/refmcp-missing/a/b')).rejects.toMatchObject({ code: 'ENOENT' });
});
