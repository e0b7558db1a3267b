import { execFileSync } from 'node:child_process';
import { readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBulkTree, writeTree } from '../fs/tree.test-support.js';
import { readZip } from '../fs/zip.test-support.js';
import { type Fixture, makeFixture } from '../test-helpers.js';

type Out = {
  path: string;
  entries: number;
  bytes: number;
  archiveBytes: number;
  skipped: string[];
  skippedCount: number;
};

describe.each(['legacy', 'modern'] as const)('zip_directory (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());
  const zip = (args: Record<string, unknown>) => callTool<Out>(fx.client, 'zip_directory', args);

  it('stores every file with its relative path, hidden and ignored ones included', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, {
      'proj/.gitignore': 'dist/\n',
      'proj/dist/out.js': 'built',
      'proj/.venv/cfg': 'venv',
      'proj/src/a.ts': 'a',
      'proj/README.md': 'readme',
    });
    const out = await zip({ input_directory: 'proj', target_zip_file: 'proj.zip' });
    expect(out.structured).toMatchObject({ entries: 5, skipped: [], skippedCount: 0 });
    const back = await readZip(path.join(fx.root, 'proj.zip'));
    expect([...back.keys()].sort()).toEqual([
      '.gitignore',
      '.venv/cfg',
      'README.md',
      'dist/out.js',
      'src/a.ts',
    ]);
    expect(back.get('src/a.ts')?.toString()).toBe('a');
  });

  it('picks files with pattern and excludePatterns', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, { 'p/src/a.ts': '', 'p/src/gen/b.ts': '', 'p/c.md': '', 'p/d.ts': '' });
    const out = await zip({
      input_directory: 'p',
      pattern: '*.ts',
      excludePatterns: ['gen'],
      target_zip_file: 'ts.zip',
    });
    expect(out.structured?.entries).toBe(2);
    expect([...(await readZip(path.join(fx.root, 'ts.zip'))).keys()].sort()).toEqual(['d.ts', 'src/a.ts']);
    const none = await zip({ input_directory: 'p', pattern: '*.rs', target_zip_file: 'none.zip' });
    expect(none.text).toContain('No files under');
  });

  it('skips and lists symlinks and special files, never storing what they point to', async () => {
    fx = await makeFixture(era);
    await writeTree(fx.root, { 'p/ok.txt': 'ok' });
    await writeTree(fx.outside, { 'secret/key.txt': 'TOPSECRET' });
    await symlink(path.join(fx.outside, 'secret'), path.join(fx.root, 'p/linkdir'));
    await symlink(path.join(fx.outside, 'secret/key.txt'), path.join(fx.root, 'p/link.txt'));
    // A FIFO would block a reader forever: it must be skipped, not opened.
    execFileSync('mkfifo', [path.join(fx.root, 'p/pipe')]);
    const out = await zip({ input_directory: 'p', target_zip_file: 'p.zip' });
    expect(out.structured?.entries).toBe(1);
    expect(out.structured?.skipped).toEqual(['link.txt', 'linkdir', 'pipe']);
    expect(out.text).toContain('Skipped');
    const back = await readZip(path.join(fx.root, 'p.zip'));
    expect([...back.keys()]).toEqual(['ok.txt']);
  });

  it('refuses a directory with more files than the entry cap, and one over the byte cap', async () => {
    fx = await makeFixture(era, { maxArchiveEntries: 50, maxArchiveBytes: 1000 });
    await writeBulkTree(path.join(fx.root, 'many'), { dirs: 3, filesPerDir: 20 });
    const many = await zip({ input_directory: 'many', target_zip_file: 'many.zip' });
    expect(many.text).toContain('over the 50-entry cap on one archive (--max-archive-entries)');
    await writeFile(path.join(fx.root, 'big.bin'), Buffer.alloc(2000));
    const big = await zip({ input_directory: '.', pattern: 'big.bin', target_zip_file: 'big.zip' });
    expect(big.text).toContain('2000 bytes, over the 1000-byte cap');
    expect((await readdir(fx.root)).filter((n) => n.includes('.zip'))).toEqual([]);
  });

  it('stops mid-archive when cancelled and leaves no archive and no temp file', async () => {
    fx = await makeFixture(era);
    await writeBulkTree(path.join(fx.root, 'p'), { dirs: 20, filesPerDir: 30 });
    const controller = new AbortController();
    const storing: string[] = [];
    const call = callTool(
      fx.client,
      'zip_directory',
      { input_directory: 'p', target_zip_file: 'p.zip' },
      {
        signal: controller.signal,
        onprogress: (p) => {
          // Cancel once files are being stored, not while the directory is still being walked.
          if (p.message?.startsWith('storing')) {
            storing.push(p.message);
            controller.abort();
          }
        },
      },
    );
    await expect(call).rejects.toThrow();
    expect(storing.length).toBeGreaterThan(0);
    // The partial archive is removed once the stream stops; the target never appears.
    let names = await readdir(fx.root);
    for (let tries = 0; names.length > 1 && tries < 500; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      names = await readdir(fx.root);
    }
    expect(names).toEqual(['p']);
    const next = await zip({ input_directory: 'p', pattern: 'f0.txt', target_zip_file: 'small.zip' });
    expect(next.structured?.entries).toBe(20);
  });
});
