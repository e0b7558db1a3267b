import { readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('write_file (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('creates a file with parents and reports created', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'write_file', { path: 'a/b/c.txt', content: 'héllo' });
    expect(out.structured).toEqual({ path: path.join(fx.root, 'a/b/c.txt'), bytes: 6, created: true });
    expect(await readFile(path.join(fx.root, 'a/b/c.txt'), 'utf8')).toBe('héllo');
  });

  it('refuses to write through a symlink that points outside, and leaves the target alone', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.outside, 'victim.txt'), 'original');
    await symlink(path.join(fx.outside, 'victim.txt'), path.join(fx.root, 'link.txt'));
    const out = await callTool(fx.client, 'write_file', { path: 'link.txt', content: 'pwned' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/outside the allowed directories/);
    expect(await readFile(path.join(fx.outside, 'victim.txt'), 'utf8')).toBe('original');
  });

  it('refuses a file over the size limit', async () => {
    fx = await makeFixture(era, { maxFileSize: 10 });
    const out = await callTool(fx.client, 'write_file', { path: 'big.txt', content: 'x'.repeat(11) });
    expect(out).toMatchObject({ isError: true });
    expect(out.text).toContain('over the 10-byte file-size cap (--max-file-size)');
  });

  it('refuses content over the write cap by name, before touching the disk', async () => {
    fx = await makeFixture(era, { maxWriteBytes: 10 });
    const out = await callTool(fx.client, 'write_file', { path: 'big.txt', content: 'x'.repeat(11) });
    expect(out).toMatchObject({ isError: true });
    expect(out.text).toContain('Content is 11 bytes, over the 10-byte cap on one write (--max-write-bytes).');
    await expect(stat(path.join(fx.root, 'big.txt'))).rejects.toThrow(/ENOENT/);
  });
});
