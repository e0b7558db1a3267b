import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSmallFile, SMALL_FILE_BYTES } from './read-small.js';
import { BINARY_SAMPLE_BYTES, readTextWindow } from './text.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'refmcp-small-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const signal = new AbortController().signal;
const limits = (maxBytes = 1 << 20) => ({ maxFileSize: 1 << 30, maxBytes, signal });

async function file(name: string, content: string | Buffer): Promise<string> {
  const full = path.join(dir, name);
  await writeFile(full, content);
  return full;
}

/** `count` lines of `width` bytes each, newline included, numbered so any slip shows. */
function numberedLines(count: number, width: number): string {
  return Array.from({ length: count }, (_, i) => `${String(i + 1).padStart(width - 1, '.')}\n`).join('');
}

describe('readSmallFile', () => {
  it('returns the exact bytes, empty files included', async () => {
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x00, 0xff, 0x0a]);
    expect(readSmallFile(await file('bytes', bytes), 'bytes')).toEqual(bytes);
    expect(readSmallFile(await file('empty', ''), 'empty')?.length).toBe(0);
  });

  it('reads a file of exactly the limit, and leaves a larger one to the caller', async () => {
    const at = await file('at', 'x'.repeat(100));
    expect(readSmallFile(at, 'at', 100)?.toString()).toBe('x'.repeat(100));
    const over = await file('over', 'x'.repeat(101));
    expect(readSmallFile(over, 'over', 100)).toBeUndefined();
  });

  it('refuses to follow a symlink, even to a file next to it', async () => {
    const target = await file('target.txt', 'target\n');
    const link = path.join(dir, 'link.txt');
    await symlink(target, link);
    expect(() => readSmallFile(link, 'link.txt')).toThrow(/changed into a symlink/);
  });

  it('refuses a directory', async () => {
    await mkdir(path.join(dir, 'sub'));
    expect(() => readSmallFile(path.join(dir, 'sub'), 'sub')).toThrow(/sub is a directory/);
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO without blocking on its open', () => {
    // As if the path had been swapped for a FIFO after it was checked. Should the open ever wait
    // for a writer, this one comes after two seconds, so the test fails on time instead of hanging.
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'sleep 2; exec 3>"$0"', fifo], { stdio: 'ignore' });
    try {
      const started = performance.now();
      expect(() => readSmallFile(fifo, 'pipe')).toThrow(/pipe is not a regular file/);
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      writer.kill();
    }
  });
});

describe('readTextWindow on small files (read whole, sliced in memory)', () => {
  it('returns a file of exactly the output cap whole, and cuts one byte more at a line', async () => {
    const content = numberedLines(16, 8); // 128 bytes
    const at = await readTextWindow(
      await file('cap.txt', content),
      'cap.txt',
      { mode: 'whole' },
      limits(128),
    );
    expect(at).toEqual({ content, startLine: 1, endLine: 16, totalLines: 16, truncated: false });

    const more = await readTextWindow(
      await file('cap1.txt', `${content}x`),
      'cap1.txt',
      { mode: 'whole' },
      limits(128),
    );
    expect(more).toMatchObject({ content, endLine: 16, truncated: true, nextOffset: 17 });
  });

  it('agrees with the streaming read on both sides of the small-file size', async () => {
    // One file just small enough to be read whole, one just too big: same lines, same answers.
    const width = 64;
    const small = numberedLines(SMALL_FILE_BYTES / width, width);
    const big = `${small}${'y'.repeat(width - 1)}\n`;
    expect(Buffer.byteLength(small)).toBe(SMALL_FILE_BYTES);
    const smallFile = await file('small.txt', small);
    const bigFile = await file('big.txt', big);
    const requests = [
      { mode: 'whole' },
      { mode: 'range', offset: 1000, limit: 5 },
      { mode: 'range', offset: 2, limit: 3 },
      { mode: 'tail', count: 3 },
    ] as const;
    for (const request of requests) {
      const a = await readTextWindow(smallFile, 'f', request, limits(10_000));
      const b = await readTextWindow(bigFile, 'f', request, limits(10_000));
      if (request.mode === 'tail') {
        // The big file has one more line at the end.
        expect(a.content, JSON.stringify(request)).toBe(small.split('\n').slice(-4).join('\n'));
        expect(b.content, JSON.stringify(request)).toBe(big.split('\n').slice(-4).join('\n'));
        expect(a.startLine).toBe(b.startLine);
        continue;
      }
      expect(a, JSON.stringify(request)).toEqual(b);
    }
    const whole = await readTextWindow(smallFile, 'f', { mode: 'whole' }, limits(SMALL_FILE_BYTES));
    expect(whole).toMatchObject({ content: small, totalLines: SMALL_FILE_BYTES / width, truncated: false });
  });

  it('refuses a file with a NUL byte anywhere in the binary sample', async () => {
    for (const at of [0, 100, BINARY_SAMPLE_BYTES - 1]) {
      const bytes = Buffer.from(`${'a'.repeat(BINARY_SAMPLE_BYTES + 50)}\n`);
      bytes[at] = 0;
      const name = `nul-${at}.txt`;
      await expect(
        readTextWindow(await file(name, bytes), name, { mode: 'whole' }, limits()),
        `NUL at ${at}`,
      ).rejects.toThrow(/looks like a binary file/);
    }
  });

  it('refuses a symlink put where a checked file was, without reading through it', async () => {
    const secret = await file('secret.txt', 'secret\n');
    const link = path.join(dir, 'swapped.txt');
    await symlink(secret, link);
    await expect(readTextWindow(link, 'swapped.txt', { mode: 'whole' }, limits())).rejects.toThrow(
      /changed into a symlink/,
    );
  });

  it('cuts a single line longer than the cap at a character boundary', async () => {
    const got = await readTextWindow(
      await file('long.txt', `${'é'.repeat(50)}\nnext\n`),
      'long.txt',
      { mode: 'whole' },
      limits(11),
    );
    expect(got).toMatchObject({ content: 'é'.repeat(5), endLine: 1, truncated: true, nextOffset: 2 });
  });
});
