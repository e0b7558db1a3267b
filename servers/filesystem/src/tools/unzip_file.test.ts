import { lstat, mkdir, readdir, readFile, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { answerApprovals, CAN_ASK_USER, callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTree } from '../fs/tree.test-support.js';
import { writeZip } from '../fs/zip.test-support.js';
import { type Fixture, makeFixture } from '../test-helpers.js';

type Out = {
  path: string;
  files: number;
  directories: number;
  bytes: number;
  replaced: number;
  skipped: string[];
};

/** Every path under `dir`, relative, directories with a trailing slash. */
async function listAll(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const d of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (d.isDirectory())
      out.push(`${prefix}${d.name}/`, ...(await listAll(path.join(dir, d.name), `${prefix}${d.name}/`)));
    else out.push(`${prefix}${d.name}`);
  }
  return out;
}

describe.each(['legacy', 'modern'] as const)('unzip_file (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());
  const unzip = (zip_file: string, target_path: string) =>
    callTool<Out>(fx.client, 'unzip_file', { zip_file, target_path });

  it('extracts files and directories into a new directory, with their permission bits', async () => {
    fx = await makeFixture(era);
    await writeZip(path.join(fx.root, 'a.zip'), [
      { name: 'docs/', directory: true },
      { name: 'src/main.ts', content: 'export {};\n' },
      { name: 'bin/run.sh', content: '#!/bin/sh\n', mode: 0o100755 },
      { name: 'empty/', directory: true },
      { name: 'README.md', content: '# hi\n' },
    ]);
    const out = await unzip('a.zip', 'out/a');
    const target = path.join(fx.root, 'out/a');
    expect(out.structured).toEqual({
      path: target,
      files: 3,
      directories: 2,
      bytes: 11 + 10 + 5,
      replaced: 0,
      skipped: [],
    });
    expect(await listAll(target)).toEqual([
      'README.md',
      'bin/',
      'bin/run.sh',
      'docs/',
      'empty/',
      'src/',
      'src/main.ts',
    ]);
    expect(await readFile(path.join(target, 'src/main.ts'), 'utf8')).toBe('export {};\n');
    expect((await stat(path.join(target, 'bin/run.sh'))).mode & 0o777).toBe(0o755);
    expect(out.text).toBe(`Extracted 3 files and 2 directories (26 bytes) into ${target}`);
  });

  it('round-trips a directory through zip_directory', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, { 'p/a.txt': 'a'.repeat(5000), 'p/x/y/z.json': '{}', 'p/.hidden/h': 'h' });
    await callTool(fx.client, 'zip_directory', { input_directory: 'p', target_zip_file: 'p.zip' });
    const out = await unzip('p.zip', 'copy');
    expect(out.structured?.files).toBe(3);
    expect(await listAll(path.join(fx.root, 'copy'))).toEqual(await listAll(path.join(fx.root, 'p')));
    expect(await readFile(path.join(fx.root, 'copy/a.txt'), 'utf8')).toBe('a'.repeat(5000));
  });

  it('refuses what is not an archive, a file as target, and paths outside the sandbox', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, { 'not.zip': 'plain text', 'file.txt': '' });
    await writeZip(path.join(fx.root, 'ok.zip'), [{ name: 'a.txt', content: 'a' }]);
    await writeZip(path.join(fx.outside, 'out.zip'), [{ name: 'a.txt', content: 'a' }]);
    expect((await unzip('not.zip', 'x')).text).toContain('is not a readable ZIP archive');
    expect((await unzip('ok.zip', 'file.txt')).text).toContain('exists and is not a directory');
    expect((await unzip(path.join(fx.outside, 'out.zip'), 'x')).text).toMatch(/outside the allowed/);
    expect((await unzip('ok.zip', path.join(fx.outside, 'x'))).text).toMatch(/outside the allowed/);
    expect((await unzip('ok.zip', '../x')).text).toMatch(/outside the allowed/);
    expect(await readdir(fx.outside)).toEqual(['out.zip']);
  });

  it('never writes through a symlink already in the target', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.outside, { 'victim.txt': 'original' });
    await mkdir(path.join(fx.root, 't'));
    await symlink(fx.outside, path.join(fx.root, 't/link'));
    await symlink(path.join(fx.outside, 'victim.txt'), path.join(fx.root, 't/victim.txt'));
    await writeZip(path.join(fx.root, 'into-link.zip'), [{ name: 'link/evil.txt', content: 'pwned' }]);
    const out = await unzip('into-link.zip', 't');
    expect(out.isError).toBe(true);
    expect(out.text).toContain('is a symlink; extraction never writes through one');
    expect(await readdir(fx.outside)).toEqual(['victim.txt']);
    // A file entry named like a symlink replaces the link itself, never what it points to.
    await writeZip(path.join(fx.root, 'over-link.zip'), [{ name: 'victim.txt', content: 'new' }]);
    const replaced = await unzip('over-link.zip', 't');
    expect(replaced.structured).toMatchObject({ files: 1, replaced: 1 });
    expect((await lstat(path.join(fx.root, 't/victim.txt'))).isFile()).toBe(true);
    expect(await readFile(path.join(fx.outside, 'victim.txt'), 'utf8')).toBe('original');
  });

  it('stops when cancelled mid-extraction and leaves no temp file', async () => {
    fx = await makeFixture(era);
    await writeZip(
      path.join(fx.root, 'many.zip'),
      Array.from({ length: 300 }, (_, i) => ({ name: `f${i}.txt`, content: `file ${i}\n`.repeat(200) })),
    );
    const controller = new AbortController();
    const call = callTool(
      fx.client,
      'unzip_file',
      { zip_file: 'many.zip', target_path: 'out' },
      { signal: controller.signal, onprogress: () => controller.abort() },
    );
    await expect(call).rejects.toThrow();
    let names = await readdir(path.join(fx.root, 'out')).catch(() => []);
    for (let tries = 0; names.some((n) => n.endsWith('.tmp')) && tries < 500; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      names = await readdir(path.join(fx.root, 'out'));
    }
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(names.length).toBeLessThan(300);
  });
});

describe.each(['legacy', 'modern'] as const)('unzip_file approvals (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  const start = async (answer: 'accept' | 'decline') => {
    let asked: string[] = [];
    fx = await makeFixture(
      era,
      {},
      (client) => {
        asked = answerApprovals(client, answer);
      },
      { serve: { confirm: 'destructive' }, client: CAN_ASK_USER },
    );
    await writeZip(path.join(fx.root, 'a.zip'), [
      { name: 'keep.txt', content: 'from the archive' },
      { name: 'new.txt', content: 'new' },
    ]);
    return () => asked;
  };

  it('asks before replacing existing files; a decline changes nothing', async () => {
    const asked = await start('decline');
    await writeTree(fx.root, { 't/keep.txt': 'mine' });
    const out = await callTool(fx.client, 'unzip_file', { zip_file: 'a.zip', target_path: 't' });
    expect(asked()).toEqual([
      `Replace 1 existing file in ${path.join(fx.root, 't')} with the archive's (keep.txt). This cannot be undone. Go ahead?`,
    ]);
    expect(out.isError).toBe(true);
    expect(out.text).toContain('The user declined');
    expect(await readFile(path.join(fx.root, 't/keep.txt'), 'utf8')).toBe('mine');
    expect(await readdir(path.join(fx.root, 't'))).toEqual(['keep.txt']);
  });

  it('replaces them once approved, and does not ask when nothing would be replaced', async () => {
    const asked = await start('accept');
    await writeTree(fx.root, { 't/keep.txt': 'mine' });
    const out = await callTool<Out>(fx.client, 'unzip_file', { zip_file: 'a.zip', target_path: 't' });
    expect(out.structured).toMatchObject({ files: 2, replaced: 1 });
    expect(await readFile(path.join(fx.root, 't/keep.txt'), 'utf8')).toBe('from the archive');
    expect(asked()).toHaveLength(1);
    await callTool(fx.client, 'unzip_file', { zip_file: 'a.zip', target_path: 'fresh' });
    expect(asked()).toHaveLength(1);
    expect(await readFile(path.join(fx.root, 'fresh/new.txt'), 'utf8')).toBe('new');
  });
});
