import { chmod, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from './test-helpers.js';

/** Names of temp or staging files a write could leave behind. */
const leftovers = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.tmp'));

describe.each(['legacy', 'modern'] as const)('writes are atomic (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('a replaced file keeps its permissions and leaves no temp file', async () => {
    fx = await makeFixture(era);
    const file = path.join(fx.root, 'conf.txt');
    await writeFile(file, 'old');
    await chmod(file, 0o640);
    expect((await callTool(fx.client, 'write_file', { path: 'conf.txt', content: 'new' })).isError).toBe(
      false,
    );
    expect(await readFile(file, 'utf8')).toBe('new');
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await leftovers(fx.root)).toEqual([]);
  });

  it('a write that fails at the last step leaves the target as it was and no temp file', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'dir'));
    await writeFile(path.join(fx.root, 'dir/keep.txt'), 'keep');
    const out = await callTool(fx.client, 'write_file', { path: 'dir', content: 'clobber' });
    expect(out.isError).toBe(true);
    expect(await readFile(path.join(fx.root, 'dir/keep.txt'), 'utf8')).toBe('keep');
    expect(await leftovers(fx.root)).toEqual([]);
  });

  it('a refused edit changes nothing, even when earlier edits matched', async (t) => {
    fx = await makeFixture(era);
    const { tools } = await fx.client.listTools();
    if (!tools.some((tool) => tool.name === 'edit_file')) return t.skip('edit_file is not registered');
    const before = 'alpha\nbeta\n';
    await writeFile(path.join(fx.root, 'e.txt'), before);
    const out = await callTool(fx.client, 'edit_file', {
      path: 'e.txt',
      edits: [
        { oldText: 'alpha', newText: 'ALPHA' },
        { oldText: 'no such text', newText: 'x' },
      ],
    });
    expect(out.isError).toBe(true);
    expect(await readFile(path.join(fx.root, 'e.txt'), 'utf8')).toBe(before);
    expect(await leftovers(fx.root)).toEqual([]);
  });

  it('a copy that fails midway leaves no destination and no staging directory', async () => {
    fx = await makeFixture(era);
    // The staging name is longer than the destination's, so the deepest copied path passes the
    // system's path length limit part way through the copy.
    const segment = 'd'.repeat(200);
    let deepest = path.join(fx.root, 'tree');
    while (deepest.length + segment.length + 1 < 4000) deepest = path.join(deepest, segment);
    const last = 'f'.repeat(4090 - deepest.length - 1);
    await mkdir(deepest, { recursive: true });
    await writeFile(path.join(deepest, last), 'deep');
    await writeFile(path.join(fx.root, 'tree/early.txt'), 'copied before the failure');
    const out = await callTool(fx.client, 'copy_path', {
      source: 'tree',
      destination: 'copy',
      recursive: true,
    });
    expect(out.isError).toBe(true);
    expect((await readdir(fx.root)).sort()).toEqual(['tree']);
  });
});

describe.each(['legacy', 'modern'] as const)('the file size limit (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());
  const LIMIT = 64;

  async function setup() {
    fx = await makeFixture(era, { maxFileSize: LIMIT });
    await writeFile(path.join(fx.root, 'at-limit.txt'), 'a'.repeat(LIMIT));
    await writeFile(path.join(fx.root, 'over.txt'), 'o'.repeat(LIMIT + 1));
    await writeFile(path.join(fx.root, 'over.png'), Buffer.alloc(LIMIT + 1, 1));
    const { tools } = await fx.client.listTools();
    return new Set(tools.map((tool) => tool.name));
  }

  it('refuses whole reads over the limit and allows one at the limit', async () => {
    const registered = await setup();
    const over = new RegExp(`${LIMIT + 1} bytes`);
    if (registered.has('read_text_file')) {
      expect((await callTool(fx.client, 'read_text_file', { path: 'at-limit.txt' })).isError).toBe(false);
      const out = await callTool(fx.client, 'read_text_file', { path: 'over.txt' });
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(over);
    }
    if (registered.has('read_media_file')) {
      const out = await callTool(fx.client, 'read_media_file', { path: 'over.png' });
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(over);
    }
    if (registered.has('read_multiple_files')) {
      const out = await callTool(fx.client, 'read_multiple_files', { paths: ['over.txt'] });
      expect(out.text).toMatch(/\[error\]/);
      expect(out.text).not.toContain('o'.repeat(LIMIT + 1));
    }
    const uri = pathToFileURL(path.join(fx.root, 'over.txt')).href;
    await expect(fx.client.readResource({ uri })).rejects.toThrow(over);
  });

  it('refuses writes and edits over the limit, leaving the file as it was', async () => {
    const registered = await setup();
    const write = await callTool(fx.client, 'write_file', {
      path: 'at-limit.txt',
      content: 'w'.repeat(LIMIT + 1),
    });
    expect(write.isError).toBe(true);
    if (registered.has('edit_file')) {
      const grow = await callTool(fx.client, 'edit_file', {
        path: 'at-limit.txt',
        edits: [{ oldText: 'a'.repeat(LIMIT), newText: 'b'.repeat(LIMIT + 1) }],
      });
      expect(grow.isError).toBe(true);
      const big = await callTool(fx.client, 'edit_file', {
        path: 'over.txt',
        edits: [{ oldText: 'o', newText: 'x' }],
      });
      expect(big.isError).toBe(true);
    }
    expect(await readFile(path.join(fx.root, 'at-limit.txt'), 'utf8')).toBe('a'.repeat(LIMIT));
    expect(await readFile(path.join(fx.root, 'over.txt'), 'utf8')).toBe('o'.repeat(LIMIT + 1));
  });
});

describe('errors from the file system stay actionable', () => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('a symlink loop is refused without touching anything', async () => {
    fx = await makeFixture('legacy');
    await symlink('loop', path.join(fx.root, 'loop'));
    for (const [tool, args] of [
      ['get_file_info', { path: 'loop' }],
      ['write_file', { path: 'loop', content: 'x' }],
      ['create_directory', { path: 'loop/sub' }],
    ] as const) {
      expect((await callTool(fx.client, tool, args)).isError, tool).toBe(true);
    }
    expect(await readdir(fx.root)).toEqual(['loop']);
  });

  it('a symlink loop or an over-long name is reported as bad input, not as a server bug', async () => {
    fx = await makeFixture('legacy');
    await symlink('loop', path.join(fx.root, 'loop'));
    for (const p of ['loop', 'n'.repeat(300)]) {
      const out = await callTool(fx.client, 'get_file_info', { path: p });
      expect(out.text, p).toMatch(/^Invalid input: /);
    }
  });
});
