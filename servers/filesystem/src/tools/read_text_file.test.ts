import { mkdir, open, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

interface Window {
  path: string;
  content: string;
  startLine?: number;
  endLine?: number;
  totalLines?: number;
  truncated: boolean;
  nextOffset?: number;
  notice?: string;
}

const read = (fx: Fixture, args: Record<string, unknown>) =>
  callTool<Window>(fx.client, 'read_text_file', args);

describe.each(['legacy', 'modern'] as const)('read_text_file (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('reads a whole file exactly, with line counts', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'a.txt'), 'one\ntwo\nthree\n');
    const out = await read(fx, { path: 'a.txt' });
    expect(out.isError).toBe(false);
    expect(out.structured).toEqual({
      path: path.join(fx.root, 'a.txt'),
      content: 'one\ntwo\nthree\n',
      startLine: 1,
      endLine: 3,
      totalLines: 3,
      truncated: false,
    });
    expect(out.text).toBe('one\ntwo\nthree\n');
  });

  it('returns the first N lines with head, and knows the total only when it reached the end', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'a.txt'), 'l1\nl2\nl3\nl4\n');
    const first = await read(fx, { path: 'a.txt', head: 2 });
    expect(first.structured).toMatchObject({
      content: 'l1\nl2\n',
      startLine: 1,
      endLine: 2,
      truncated: false,
    });
    expect(first.structured?.totalLines).toBeUndefined();
    const all = await read(fx, { path: 'a.txt', head: 10 });
    expect(all.structured).toMatchObject({ content: 'l1\nl2\nl3\nl4\n', endLine: 4, totalLines: 4 });
  });

  it('tail: 1 returns the last line of a file that ends with a newline', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'a.txt'), 'alpha\nbeta\ngamma\n');
    const out = await read(fx, { path: 'a.txt', tail: 1 });
    expect(out.structured).toMatchObject({ content: 'gamma\n', startLine: 3, endLine: 3, totalLines: 3 });
    expect(out.text).toBe('gamma\n');
  });

  it('tail works without a final newline and when asking for more lines than exist', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'a.txt'), 'alpha\nbeta\ngamma');
    expect((await read(fx, { path: 'a.txt', tail: 2 })).structured).toMatchObject({
      content: 'beta\ngamma',
      startLine: 2,
      endLine: 3,
    });
    expect((await read(fx, { path: 'a.txt', tail: 99 })).structured).toMatchObject({
      content: 'alpha\nbeta\ngamma',
      startLine: 1,
      totalLines: 3,
    });
  });

  it('reads a range with offset and limit, and offset alone to the end', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'a.txt'), 'l1\nl2\nl3\nl4\nl5');
    expect((await read(fx, { path: 'a.txt', offset: 2, limit: 2 })).structured).toMatchObject({
      content: 'l2\nl3\n',
      startLine: 2,
      endLine: 3,
    });
    expect((await read(fx, { path: 'a.txt', offset: 4 })).structured).toMatchObject({
      content: 'l4\nl5',
      startLine: 4,
      endLine: 5,
      totalLines: 5,
    });
  });

  it('refuses an offset past the end, saying how many lines there are', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'a.txt'), 'l1\nl2\n');
    const out = await read(fx, { path: 'a.txt', offset: 3 });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('offset 3 is past the end of a.txt, which has 2 lines');
  });

  it('refuses more than one mode', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'a.txt'), 'x\n');
    const out = await read(fx, { path: 'a.txt', head: 1, tail: 1 });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('Use only one of head, tail, or offset/limit; got head and tail');
    expect((await read(fx, { path: 'a.txt', tail: 1, limit: 3 })).text).toContain('tail and offset/limit');
  });

  it('cuts at a line boundary with a notice, and nextOffset continues exactly', async () => {
    fx = await makeFixture(era, { maxReadBytes: 100 });
    const lines = Array.from({ length: 40 }, (_, i) => `line ${String(i + 1).padStart(2, '0')}\n`);
    await writeFile(path.join(fx.root, 'a.txt'), lines.join(''));
    const first = await read(fx, { path: 'a.txt' });
    // Each line is 8 bytes: 12 lines (96 bytes) fit in 100.
    expect(first.structured).toMatchObject({ truncated: true, startLine: 1, endLine: 12, nextOffset: 13 });
    expect(first.structured?.content).toBe(lines.slice(0, 12).join(''));
    expect(first.text).toBe(
      `${lines.slice(0, 12).join('')}[Output limit of 100 bytes reached after line 12. Continue with offset: 13.]`,
    );
    let collected = first.structured!.content;
    let next = first.structured?.nextOffset;
    while (next !== undefined) {
      const page = await read(fx, { path: 'a.txt', offset: next });
      expect(page.isError).toBe(false);
      collected += page.structured!.content;
      next = page.structured?.nextOffset;
    }
    expect(collected).toBe(lines.join(''));
  });

  it('says how many lines remain when a head is cut', async () => {
    fx = await makeFixture(era, { maxReadBytes: 20 });
    await writeFile(path.join(fx.root, 'a.txt'), 'aaaaaaa\nbbbbbbb\nccccccc\nddddddd\n');
    const out = await read(fx, { path: 'a.txt', head: 3 });
    expect(out.structured).toMatchObject({ content: 'aaaaaaa\nbbbbbbb\n', endLine: 2, nextOffset: 3 });
    expect(out.structured?.notice).toContain('Continue with offset: 3, limit: 1.');
  });

  it('cuts a single line longer than the cap at a character boundary', async () => {
    fx = await makeFixture(era, { maxReadBytes: 10 });
    await writeFile(path.join(fx.root, 'a.txt'), 'ééééééééé\nnext\n'); // é is 2 bytes
    const out = await read(fx, { path: 'a.txt' });
    expect(out.structured).toMatchObject({ content: 'ééééé', endLine: 1, nextOffset: 2, truncated: true });
    expect(out.text).toContain(
      '[Line 1 is longer than the 10-byte output limit and was cut. Continue with offset: 2.]',
    );
    expect((await read(fx, { path: 'a.txt', offset: 2 })).structured?.content).toBe('next\n');
  });

  it('keeps the end when a tail does not fit, and points at the omitted lines', async () => {
    fx = await makeFixture(era, { maxReadBytes: 20 });
    await writeFile(path.join(fx.root, 'a.txt'), 'l1xxxx\nl2xxxx\nl3xxxx\nl4xxxx\nl5xxxx\n');
    const out = await read(fx, { path: 'a.txt', tail: 4 });
    expect(out.structured).toMatchObject({
      content: 'l4xxxx\nl5xxxx\n',
      startLine: 4,
      endLine: 5,
      truncated: true,
      nextOffset: 2,
    });
    expect(out.text).toContain('Only the last 2 of the 4 requested lines fit');
    expect(out.text).toContain('offset: 2, limit: 2');
  });

  it('refuses binary files and points to read_media_file', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'nul.bin'), Buffer.from([0x41, 0x42, 0x00, 0x43]));
    const nul = await read(fx, { path: 'nul.bin' });
    expect(nul.isError).toBe(true);
    expect(nul.text).toContain('looks like a binary file');
    expect(nul.text).toContain('read_media_file');
    // No NUL, but nearly all bytes are invalid UTF-8.
    await writeFile(
      path.join(fx.root, 'latin.bin'),
      Buffer.from(Array.from({ length: 200 }, (_, i) => 0x80 + (i % 64))),
    );
    expect((await read(fx, { path: 'latin.bin', tail: 1 })).text).toContain('looks like a binary file');
  });

  it('reads text with a few invalid bytes, and drops a leading BOM but keeps CRLF', async () => {
    fx = await makeFixture(era);
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('caf'),
      Buffer.from([0xe9]),
      Buffer.from(' ok here\r\nline two\r\n'),
    ]);
    await writeFile(path.join(fx.root, 'a.txt'), bytes);
    const out = await read(fx, { path: 'a.txt' });
    expect(out.structured?.content).toBe('caf\uFFFD ok here\r\nline two\r\n');
    expect((await read(fx, { path: 'a.txt', tail: 1 })).structured?.content).toBe('line two\r\n');
  });

  it('refuses a whole read above maxFileSize, but head still works', async () => {
    fx = await makeFixture(era, { maxFileSize: 16 });
    await writeFile(path.join(fx.root, 'a.txt'), 'first line\nsecond line\n');
    const whole = await read(fx, { path: 'a.txt' });
    expect(whole.isError).toBe(true);
    expect(whole.text).toContain('over the 16-byte limit');
    expect(whole.text).toContain('head, tail, or offset and limit');
    expect((await read(fx, { path: 'a.txt', head: 1 })).structured?.content).toBe('first line\n');
  });

  it('refuses a symlink that leads outside the sandbox', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.outside, 'secret.txt'), 'secret\n');
    await symlink(path.join(fx.outside, 'secret.txt'), path.join(fx.root, 'link.txt'));
    const out = await read(fx, { path: 'link.txt', tail: 1 });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/outside the allowed directories/);
    expect(out.text).not.toContain('secret\n');
  });

  it('reads through a symlink that stays inside the sandbox, naming the real file', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'target.txt'), 'inside\n');
    await symlink(path.join(fx.root, 'target.txt'), path.join(fx.root, 'alias.txt'));
    const out = await read(fx, { path: 'alias.txt' });
    expect(out.structured).toMatchObject({ path: path.join(fx.root, 'target.txt'), content: 'inside\n' });
  });

  it('returns a file of exactly the output cap whole', async () => {
    fx = await makeFixture(era, { maxReadBytes: 1024 });
    const content = `${'x'.repeat(63)}\n`.repeat(16); // 1024 bytes
    await writeFile(path.join(fx.root, 'a.txt'), content);
    const out = await read(fx, { path: 'a.txt' });
    expect(out.structured).toMatchObject({ content, endLine: 16, totalLines: 16, truncated: false });
    expect(out.text).toBe(content);
  });

  it('says a directory is not a file, and an empty file is empty', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'd'));
    const dir = await read(fx, { path: 'd' });
    expect(dir.isError).toBe(true);
    expect(dir.text).toContain('d is a directory');
    await writeFile(path.join(fx.root, 'empty.txt'), '');
    const empty = await read(fx, { path: 'empty.txt' });
    expect(empty.structured).toMatchObject({ content: '', startLine: 1, endLine: 0, totalLines: 0 });
    expect(empty.text).toBe('[empty file]');
  });
});

describe('read_text_file on a large file', () => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('serves head, tail and a range of a 20 MiB file, refusing the whole read', async () => {
    fx = await makeFixture('legacy');
    // 20 bytes per line: "line 0000001 ......\n"; 1 Mi lines is 20 MiB.
    const count = 1024 * 1024;
    const lineText = (n: number) => `line ${String(n).padStart(7, '0')} ......\n`;
    const file = await open(path.join(fx.root, 'big.log'), 'w');
    for (let start = 1; start <= count; start += 65536) {
      const block = Array.from({ length: 65536 }, (_, i) => lineText(start + i)).join('');
      await file.write(block);
    }
    await file.close();

    const head = await read(fx, { path: 'big.log', head: 3 });
    expect(head.structured?.content).toBe(lineText(1) + lineText(2) + lineText(3));
    const tail = await read(fx, { path: 'big.log', tail: 2 });
    expect(tail.structured?.content).toBe(lineText(count - 1) + lineText(count));
    // Line numbers of a tail are unknown without reading the whole file.
    expect(tail.structured?.startLine).toBeUndefined();
    const middle = await read(fx, { path: 'big.log', offset: 500_000, limit: 2 });
    expect(middle.structured).toMatchObject({
      content: lineText(500_000) + lineText(500_001),
      startLine: 500_000,
      endLine: 500_001,
    });
    const whole = await read(fx, { path: 'big.log' });
    expect(whole.isError).toBe(true);
    expect(whole.text).toContain('head, tail, or offset and limit');
  });
});
