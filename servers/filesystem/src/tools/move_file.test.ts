import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  realpath,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '@refmcp/core';
import { callTool, connectInProcess } from '@refmcp/core/testing';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createApp } from '../app.js';
import { MiB } from '../config.js';
import { type Fixture, makeFixture, testConfig } from '../test-helpers.js';

const exists = (p: string) =>
  lstat(p).then(
    () => true,
    () => false,
  );

/** A writable directory on another device than the temp dir, when the machine has one. */
async function otherDevice(near: string): Promise<string | undefined> {
  const shm = await stat('/dev/shm').catch(() => undefined);
  if (!shm?.isDirectory() || shm.dev === (await stat(near)).dev) return undefined;
  return mkdtemp('/dev/shm/refmcp-move-').catch(() => undefined);
}

describe.each(['legacy', 'modern'] as const)('move_file (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('renames a file and creates missing destination parents', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'a.txt'), 'content');
    const out = await callTool(fx.client, 'move_file', { source: 'a.txt', destination: 'new/dir/b.txt' });
    expect(out.structured).toEqual({
      source: path.join(fx.root, 'a.txt'),
      destination: path.join(fx.root, 'new/dir/b.txt'),
      type: 'file',
      method: 'rename',
    });
    expect(await exists(path.join(fx.root, 'a.txt'))).toBe(false);
    expect(await readFile(path.join(fx.root, 'new/dir/b.txt'), 'utf8')).toBe('content');
  });

  it('moves a directory with its contents', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'src/inner'), { recursive: true });
    await writeFile(path.join(fx.root, 'src/inner/f.txt'), 'f');
    const out = await callTool(fx.client, 'move_file', { source: 'src', destination: 'dst' });
    expect(out.structured).toMatchObject({ type: 'directory' });
    expect(await readFile(path.join(fx.root, 'dst/inner/f.txt'), 'utf8')).toBe('f');
    expect(await exists(path.join(fx.root, 'src'))).toBe(false);
  });

  it('never overwrites an existing destination', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'a.txt'), 'A');
    await writeFile(path.join(fx.root, 'b.txt'), 'B');
    const out = await callTool(fx.client, 'move_file', { source: 'a.txt', destination: 'b.txt' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/already exists/);
    expect(await readFile(path.join(fx.root, 'a.txt'), 'utf8')).toBe('A');
    expect(await readFile(path.join(fx.root, 'b.txt'), 'utf8')).toBe('B');
  });

  it('moves a symlink itself, leaving its target where it is', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'target.txt'), 'T');
    await symlink('target.txt', path.join(fx.root, 'link'));
    const out = await callTool(fx.client, 'move_file', { source: 'link', destination: 'moved-link' });
    expect(out.structured).toMatchObject({ type: 'symlink', method: 'rename' });
    expect(await readlink(path.join(fx.root, 'moved-link'))).toBe('target.txt');
    expect(await readFile(path.join(fx.root, 'target.txt'), 'utf8')).toBe('T');
  });

  it('refuses either end outside the sandbox and leaves both sides untouched', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'in.txt'), 'in');
    await writeFile(path.join(fx.outside, 'out.txt'), 'out');
    await symlink(fx.outside, path.join(fx.root, 'escape'));
    const attempts = [
      { source: 'in.txt', destination: path.join(fx.outside, 'stolen.txt') },
      { source: 'in.txt', destination: 'escape/stolen.txt' },
      { source: 'in.txt', destination: '../stolen.txt' },
      { source: path.join(fx.outside, 'out.txt'), destination: 'pulled.txt' },
      { source: 'escape/out.txt', destination: 'pulled.txt' },
    ];
    for (const args of attempts) {
      const out = await callTool(fx.client, 'move_file', args);
      expect(out.isError, JSON.stringify(args)).toBe(true);
      expect(out.text).toMatch(/outside the allowed directories/);
    }
    expect(await readFile(path.join(fx.root, 'in.txt'), 'utf8')).toBe('in');
    expect(await readdir(fx.outside)).toEqual(['out.txt']);
    expect(await exists(path.join(fx.root, 'pulled.txt'))).toBe(false);
  });

  it('refuses to move a directory into itself or to move an allowed directory', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'box'));
    const into = await callTool(fx.client, 'move_file', { source: 'box', destination: 'box/inner/box' });
    expect(into.isError).toBe(true);
    expect(into.text).toMatch(/into itself/);
    const root = await callTool(fx.client, 'move_file', { source: fx.root, destination: 'elsewhere' });
    expect(root.isError).toBe(true);
    expect(root.text).toMatch(/allowed directory/);
    expect(await readdir(fx.root)).toEqual(['box']);
  });

  it('reports a missing source as not found', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'move_file', { source: 'ghost', destination: 'x' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^Not found/);
  });
});

describe('move_file across devices', () => {
  it('copies then deletes when rename cannot cross devices, keeping links as links', async (t) => {
    const near = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-near-')));
    onTestFinished(() => rm(near, { recursive: true, force: true }));
    const far = await otherDevice(near);
    if (!far) return t.skip('no second writable device on this machine');
    onTestFinished(() => rm(far, { recursive: true, force: true }));
    const app = createApp(
      testConfig({
        allowedDirectories: [near, await realpath(far)],
        readOnly: false,
        maxFileSize: MiB,
        maxReadBytes: 4096,
      }),
      { logger: createLogger({ name: 'test', level: 'silent' }) },
    );
    const client = await connectInProcess(app);
    onTestFinished(() => app.close());
    onTestFinished(() => client.close());

    await mkdir(path.join(near, 'tree/sub'), { recursive: true });
    await writeFile(path.join(near, 'tree/sub/f.txt'), 'payload');
    await symlink('sub/f.txt', path.join(near, 'tree/rel-link'));
    const out = await callTool(client, 'move_file', {
      source: path.join(near, 'tree'),
      destination: path.join(far, 'tree'),
    });
    expect(out.structured).toMatchObject({ type: 'directory', method: 'copy' });
    expect(await readFile(path.join(far, 'tree/sub/f.txt'), 'utf8')).toBe('payload');
    expect(await readlink(path.join(far, 'tree/rel-link'))).toBe('sub/f.txt');
    expect(await exists(path.join(near, 'tree'))).toBe(false);
    expect(await readdir(far)).toEqual(['tree']);
  });
});
