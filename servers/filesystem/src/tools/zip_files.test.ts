import { readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTree } from '../fs/tree.test-support.js';
import { readZip } from '../fs/zip.test-support.js';
import { type Fixture, makeFixture } from '../test-helpers.js';

type Out = { path: string; entries: number; bytes: number; archiveBytes: number };

describe.each(['legacy', 'modern'] as const)('zip_files (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());
  const zip = (input_files: string[], target_zip_file: string) =>
    callTool<Out>(fx.client, 'zip_files', { input_files, target_zip_file });

  it('stores each file under its base name, deflated, in a new archive', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, { 'a.txt': 'alpha\n'.repeat(1000), 'src/b.ts': 'export const b = 1;\n' });
    const out = await zip(['a.txt', 'src/b.ts'], 'out/files.zip');
    const target = path.join(fx.root, 'out/files.zip');
    expect(out.structured).toEqual({
      path: target,
      entries: 2,
      bytes: 6000 + 20,
      archiveBytes: (await stat(target)).size,
    });
    // Deflated: 1000 repeated lines shrink to far less than they are.
    expect(out.structured!.archiveBytes).toBeLessThan(1000);
    const back = await readZip(target);
    expect([...back.keys()]).toEqual(['a.txt', 'b.ts']);
    expect(back.get('a.txt')?.toString()).toBe('alpha\n'.repeat(1000));
    // Nothing else was left behind in the folder (no temp file).
    expect(await readdir(path.join(fx.root, 'out'))).toEqual(['files.zip']);
  });

  it('never replaces an existing file, and refuses a symlink at the target name', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, { 'a.txt': 'a', 'old.zip': 'precious' });
    const out = await zip(['a.txt'], 'old.zip');
    expect(out.isError).toBe(true);
    expect(out.text).toContain('already exists');
    expect(await readFile(path.join(fx.root, 'old.zip'), 'utf8')).toBe('precious');
    await writeFile(path.join(fx.outside, 'victim.zip'), 'outside');
    await symlink(path.join(fx.outside, 'victim.zip'), path.join(fx.root, 'link.zip'));
    expect((await zip(['a.txt'], 'link.zip')).text).toContain('already exists');
    expect(await readFile(path.join(fx.outside, 'victim.zip'), 'utf8')).toBe('outside');
  });

  it('refuses files outside the sandbox, directories and duplicate names, writing nothing', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, { 'a.txt': 'a', 'x/a.txt': 'b', 'dir/f': '' });
    await writeFile(path.join(fx.outside, 'secret.txt'), 'secret');
    await symlink(path.join(fx.outside, 'secret.txt'), path.join(fx.root, 'leak.txt'));
    expect((await zip(['leak.txt'], 'z1.zip')).text).toMatch(/outside the allowed directories/);
    expect((await zip([path.join(fx.outside, 'secret.txt')], 'z2.zip')).text).toMatch(/outside the allowed/);
    expect((await zip(['dir'], 'z3.zip')).text).toContain('use zip_directory');
    expect((await zip(['a.txt', 'x/a.txt'], 'z4.zip')).text).toContain('both be stored as "a.txt"');
    expect((await zip(['a.txt'], path.join(fx.outside, 'out.zip'))).text).toMatch(/outside the allowed/);
    expect((await readdir(fx.root)).filter((n) => n.endsWith('.zip'))).toEqual([]);
    expect(await readdir(fx.outside)).toEqual(['secret.txt']);
  });

  it('refuses more files or bytes than the caps before writing anything', async () => {
    fx = await makeFixture(era, { maxArchiveEntries: 2, maxArchiveBytes: 10 });
    await writeTree(fx.root, { 'a.txt': 'aaaaaa', 'b.txt': 'bbbbbb', 'c.txt': 'c' });
    const many = await zip(['a.txt', 'b.txt', 'c.txt'], 'many.zip');
    expect(many.text).toContain('3 entries, over the 2-entry cap on one archive (--max-archive-entries)');
    const big = await zip(['a.txt', 'b.txt'], 'big.zip');
    expect(big.text).toContain('12 bytes, over the 10-byte cap on one archive (--max-archive-bytes)');
    expect((await readdir(fx.root)).filter((n) => n.includes('.zip'))).toEqual([]);
  });
});
