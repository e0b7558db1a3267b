import { mkdir, mkdtemp, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError, PermissionDeniedError } from './errors.js';
import { isWithin, type Narrowing, resolveAllowedDirectories, Sandbox } from './sandbox.js';

const INTENTS = ['read', 'write', 'create'] as const;

describe('Sandbox.resolve', () => {
  /** base/allowed is the sandbox; base/allowed-evil and base/outside are not. */
  let base: string;
  let allowed: string;
  let evil: string;
  let outside: string;
  let sandbox: Sandbox;

  beforeEach(async () => {
    base = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-sandbox-')));
    allowed = path.join(base, 'allowed');
    evil = path.join(base, 'allowed-evil');
    outside = path.join(base, 'outside');
    for (const dir of [allowed, evil, outside]) await mkdir(dir);
    await writeFile(path.join(allowed, 'in.txt'), 'in');
    await writeFile(path.join(evil, 'secret.txt'), 'evil');
    await writeFile(path.join(outside, 'secret.txt'), 'out');
    sandbox = new Sandbox([allowed]);
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  it('resolves relative paths against the first allowed directory, and absolute ones inside', async () => {
    expect(await sandbox.resolve('in.txt')).toBe(path.join(allowed, 'in.txt'));
    expect(await sandbox.resolve(path.join(allowed, 'in.txt'))).toBe(path.join(allowed, 'in.txt'));
    expect(await sandbox.resolve('.')).toBe(allowed);
    expect(await sandbox.resolve('sub/../in.txt')).toBe(path.join(allowed, 'in.txt'));
  });

  it('compares by path component: a sibling sharing the prefix is outside', async () => {
    expect(isWithin(path.join(evil, 'secret.txt'), allowed)).toBe(false);
    expect(isWithin(allowed, allowed)).toBe(true);
    expect(isWithin(path.join(allowed, 'x'), `${allowed}/`)).toBe(true);
    for (const intent of INTENTS) {
      await expect(sandbox.resolve(path.join(evil, 'secret.txt'), intent)).rejects.toThrow(
        PermissionDeniedError,
      );
      await expect(sandbox.resolve('../allowed-evil/secret.txt', intent)).rejects.toThrow(
        /outside the allowed directories/,
      );
    }
    await expect(sandbox.resolve(`${allowed}-evil/new.txt`, 'create')).rejects.toThrow(PermissionDeniedError);
  });

  it("names the server's own tools in its hints, and only the directories without them", async () => {
    const hinted = new Sandbox([allowed], { outside: 'See tool x.', missing: 'Try tool y.' });
    await expect(hinted.resolve('../outside/secret.txt')).rejects.toMatchObject({
      hint: `Allowed: ${allowed}. See tool x.`,
    });
    await expect(hinted.resolve('missing.txt')).rejects.toMatchObject({ hint: 'Try tool y.' });
    await expect(sandbox.resolve('../outside/secret.txt')).rejects.toMatchObject({
      hint: `Allowed: ${allowed}.`,
    });
  });

  it('refuses NUL bytes and empty paths for every intent', async () => {
    for (const intent of INTENTS) {
      await expect(sandbox.resolve('in.txt\0.png', intent)).rejects.toThrow(InvalidInputError);
      await expect(sandbox.resolve('\0', intent)).rejects.toThrow(/NUL byte/);
      await expect(sandbox.resolve('  ', intent)).rejects.toThrow(/empty/);
    }
  });

  it('refuses .. traversal out of the sandbox, relative or absolute', async () => {
    for (const intent of INTENTS) {
      for (const input of [
        '../outside/secret.txt',
        'a/b/../../../outside/secret.txt',
        `${allowed}/../outside/secret.txt`,
        '..',
        '../outside/new.txt',
      ]) {
        await expect(sandbox.resolve(input, intent), `${intent} ${input}`).rejects.toThrow(
          /outside the allowed directories/,
        );
      }
    }
  });

  it('re-checks the real path: a symlink out is refused for reads, writes and creates', async () => {
    await symlink(path.join(outside, 'secret.txt'), path.join(allowed, 'file-link'));
    await symlink(outside, path.join(allowed, 'dir-link'));
    await symlink('../outside', path.join(allowed, 'relative-link'));
    for (const intent of INTENTS) {
      for (const input of ['file-link', 'dir-link', 'dir-link/secret.txt', 'relative-link/secret.txt']) {
        await expect(sandbox.resolve(input, intent), `${intent} ${input}`).rejects.toThrow(
          /outside the allowed directories/,
        );
      }
    }
  });

  it('checks the parent for paths that do not exist yet under a symlinked directory', async () => {
    await symlink(outside, path.join(allowed, 'dir-link'));
    for (const input of ['dir-link/new.txt', 'dir-link/a/b/new.txt']) {
      await expect(sandbox.resolve(input, 'create'), input).rejects.toThrow(
        /parent of .* resolves to a location outside/,
      );
    }
    expect(await readdir(outside)).toEqual(['secret.txt']);
  });

  it('refuses a dangling symlink for every intent', async () => {
    await symlink(path.join(outside, 'missing.txt'), path.join(allowed, 'dangling'));
    await symlink(path.join(allowed, 'missing.txt'), path.join(allowed, 'dangling-inside'));
    for (const intent of INTENTS) {
      for (const input of ['dangling', 'dangling-inside']) {
        await expect(sandbox.resolve(input, intent), `${intent} ${input}`).rejects.toThrow(
          /symlink whose target does not exist/,
        );
      }
    }
  });

  it('follows a symlink that stays inside to its real path', async () => {
    await mkdir(path.join(allowed, 'real'));
    await writeFile(path.join(allowed, 'real/f.txt'), 'f');
    await symlink(path.join(allowed, 'real'), path.join(allowed, 'alias'));
    expect(await sandbox.resolve('alias/f.txt')).toBe(path.join(allowed, 'real/f.txt'));
    expect(await sandbox.resolve('alias/new.txt', 'create')).toBe(path.join(allowed, 'real/new.txt'));
  });

  it('accepts an allowed directory named through a symlink to it', async () => {
    await symlink(allowed, path.join(base, 'alias-of-allowed'));
    expect(await sandbox.resolve(path.join(base, 'alias-of-allowed/in.txt'))).toBe(
      path.join(allowed, 'in.txt'),
    );
    expect(await sandbox.resolve(path.join(base, 'alias-of-allowed/new.txt'), 'create')).toBe(
      path.join(allowed, 'new.txt'),
    );
  });

  it('tells a missing file from a new one by intent', async () => {
    await expect(sandbox.resolve('nope.txt', 'read')).rejects.toThrow(NotFoundError);
    await expect(sandbox.resolve('nope.txt', 'write')).rejects.toThrow(NotFoundError);
    expect(await sandbox.resolve('a/b/nope.txt', 'create')).toBe(path.join(allowed, 'a/b/nope.txt'));
  });

  it('accepts paths in any of several allowed directories', async () => {
    const two = new Sandbox([allowed, outside]);
    expect(await two.resolve(path.join(outside, 'secret.txt'))).toBe(path.join(outside, 'secret.txt'));
    await expect(two.resolve(path.join(evil, 'secret.txt'))).rejects.toThrow(PermissionDeniedError);
  });

  it('refuses the home directory shorthand when home is outside', async () => {
    await expect(sandbox.resolve('~/anything', 'create')).rejects.toThrow(/outside the allowed directories/);
  });

  it('refuses everything when no directory is allowed', async () => {
    const empty = new Sandbox([]);
    await expect(empty.resolve(allowed)).rejects.toThrow(/No directories are accessible/);
  });

  it('waits for narrowing and applies it; a failed narrowing keeps the previous set', async () => {
    await mkdir(path.join(allowed, 'sub'));
    await writeFile(path.join(allowed, 'sub/s.txt'), 's');
    let apply: (narrowing: Narrowing) => void = () => {};
    sandbox.narrowTo(new Promise((resolve) => (apply = resolve)));
    const pending = sandbox.resolve(path.join(allowed, 'in.txt'));
    apply({ directories: [path.join(allowed, 'sub')] });
    await expect(pending).rejects.toThrow(/outside the allowed directories/);
    expect(await sandbox.resolve('s.txt')).toBe(path.join(allowed, 'sub/s.txt'));

    sandbox.narrowTo(Promise.reject(new Error('client went away')));
    expect(await sandbox.resolve('s.txt')).toBe(path.join(allowed, 'sub/s.txt'));
  });

  // A missing path below a dangling symlink: should the link's target directory appear before the
  // write (a race with anyone who can write there), the write would land outside.
  it('refuses a new path below a dangling symlink that points outside', async () => {
    await symlink(path.join(outside, 'later'), path.join(allowed, 'dangling-dir'));
    await expect(sandbox.resolve('dangling-dir/new.txt', 'create')).rejects.toThrow(PermissionDeniedError);
  });
});

describe('resolveAllowedDirectories', () => {
  let base: string;
  beforeEach(async () => {
    base = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-allowed-')));
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  it('stores real paths, once each, and refuses missing directories and files', async () => {
    await mkdir(path.join(base, 'dir'));
    await symlink(path.join(base, 'dir'), path.join(base, 'link'));
    await writeFile(path.join(base, 'file'), '');
    expect(await resolveAllowedDirectories([path.join(base, 'link'), path.join(base, 'dir/')])).toEqual([
      path.join(base, 'dir'),
    ]);
    await expect(resolveAllowedDirectories([path.join(base, 'missing')])).rejects.toThrow(/does not exist/);
    await expect(resolveAllowedDirectories([path.join(base, 'file')])).rejects.toThrow(/not a directory/);
  });
});
