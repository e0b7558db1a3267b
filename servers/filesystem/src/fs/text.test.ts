import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitLines } from './diff.js';
import { SMALL_FILE_BYTES } from './read-small.js';
import { type LineRequest, looksBinary, readTextWindow } from './text.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'refmcp-text-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const signal = new AbortController().signal;

async function windowOf(content: string, request: LineRequest, maxBytes: number) {
  const file = path.join(dir, 'f.txt');
  await writeFile(file, content);
  return readTextWindow(file, 'f.txt', request, { maxFileSize: 1 << 30, maxBytes, signal });
}

/** What a read should return, computed the slow obvious way on ASCII text. */
function oracle(content: string, request: LineRequest, maxBytes: number) {
  const lines = splitLines(content);
  if (request.mode === 'tail') {
    const wanted = lines.slice(Math.max(0, lines.length - request.count));
    const shown: string[] = [];
    let bytes = 0;
    for (const line of [...wanted].reverse()) {
      if (bytes + line.length > maxBytes) break;
      shown.unshift(line);
      bytes += line.length;
    }
    return { content: shown.join(''), truncated: shown.length < wanted.length, endLine: lines.length };
  }
  const from = request.mode === 'range' ? request.offset : 1;
  const limit = request.mode === 'range' ? request.limit : undefined;
  const wanted = lines.slice(from - 1, limit === undefined ? undefined : from - 1 + limit);
  const shown: string[] = [];
  let bytes = 0;
  for (const line of wanted) {
    if (bytes + line.length > maxBytes) break;
    shown.push(line);
    bytes += line.length;
  }
  const truncated = shown.length < wanted.length;
  return {
    content: shown.join(''),
    truncated,
    endLine: from - 1 + shown.length,
    ...(truncated && { nextOffset: from + shown.length }),
  };
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('looksBinary', () => {
  it('calls NUL bytes and mostly-invalid UTF-8 binary, and ordinary text not', () => {
    expect(looksBinary(Buffer.from('plain text\n'))).toBe(false);
    expect(looksBinary(Buffer.from('ünïcödé ✓ 日本語\n'))).toBe(false);
    expect(looksBinary(Buffer.from([0x61, 0x00]))).toBe(true);
    expect(looksBinary(Buffer.from([0xff, 0xfe, 0x80, 0x81, 0x61]))).toBe(true);
    expect(looksBinary(new Uint8Array())).toBe(false);
  });

  it('does not count a character cut by the end of the sample as invalid', () => {
    const text = Buffer.from('€'); // 3 bytes
    expect(looksBinary(Buffer.concat([Buffer.from('ab'), text.subarray(0, 2)]))).toBe(false);
  });
});

describe('readTextWindow against a naive reading', () => {
  it('agrees on random files whose lines straddle read-chunk boundaries', async () => {
    const random = rng(1234);
    const sizes = { small: 0, streamed: 0 };
    for (let round = 0; round < 40; round++) {
      const lineCount = 1 + Math.floor(random() * 40);
      const parts = Array.from({ length: lineCount }, (_, i) => {
        // Mostly short lines, sometimes one longer than a 64 KiB read chunk.
        const length = random() < 0.1 ? 70_000 + Math.floor(random() * 70_000) : Math.floor(random() * 300);
        return String.fromCharCode(97 + (i % 26)).repeat(length) + (random() < 0.2 ? '\r\n' : '\n');
      });
      let content = parts.join('');
      if (random() < 0.5) content = content.replace(/\r?\n$/, '');
      const total = splitLines(content).length;
      sizes[content.length <= SMALL_FILE_BYTES ? 'small' : 'streamed']++;
      const maxBytes = random() < 0.5 ? 300_000 : 150_000;
      const requests: LineRequest[] = [
        { mode: 'whole' },
        { mode: 'range', offset: 1, limit: 1 + Math.floor(random() * total) },
        { mode: 'range', offset: 1 + Math.floor(random() * total) },
        { mode: 'tail', count: 1 + Math.floor(random() * (total + 2)) },
      ];
      for (const request of requests) {
        const got = await windowOf(content, request, maxBytes);
        const want = oracle(content, request, maxBytes);
        const label = `round ${round} ${JSON.stringify(request)}`;
        if (want.content === '' && want.truncated) {
          // A single line longer than the cap: shown cut, not skipped.
          expect(got.truncated, label).toBe(true);
          expect(got.content.length, label).toBe(maxBytes);
          continue;
        }
        expect(got.content, label).toBe(want.content);
        expect(got.truncated, label).toBe(want.truncated);
        if (request.mode !== 'tail') {
          expect(got.endLine, label).toBe(want.endLine);
          expect(got.nextOffset, label).toBe(want.nextOffset);
        } else if (got.startLine !== undefined) {
          expect(got.endLine, label).toBe(want.endLine);
          expect(got.totalLines, label).toBe(total);
        }
      }
    }
    // Both ways of reading were checked: whole in memory, and streamed by chunks.
    expect(sizes.small).toBeGreaterThan(5);
    expect(sizes.streamed).toBeGreaterThan(5);
  });

  it('agrees on small files with small caps, cutting anywhere', async () => {
    const random = rng(99);
    for (let round = 0; round < 150; round++) {
      const lineCount = Math.floor(random() * 12);
      let content = Array.from(
        { length: lineCount },
        (_, i) => `${String.fromCharCode(97 + (i % 26)).repeat(Math.floor(random() * 30))}\n`,
      ).join('');
      if (random() < 0.5) content = content.replace(/\n$/, '');
      const total = splitLines(content).length;
      const maxBytes = 1 + Math.floor(random() * 60);
      const requests: LineRequest[] = [
        { mode: 'whole' },
        { mode: 'range', offset: 1, limit: 1 + Math.floor(random() * (total + 1)) },
        { mode: 'range', offset: 1 + Math.floor(random() * Math.max(1, total)) },
        { mode: 'tail', count: 1 + Math.floor(random() * (total + 2)) },
      ];
      for (const request of requests) {
        const label = `round ${round} ${JSON.stringify(request)} cap ${maxBytes} ${JSON.stringify(content)}`;
        const want = oracle(content, request, maxBytes);
        const got = await windowOf(content, request, maxBytes);
        if (want.content === '' && want.truncated) {
          expect(got.truncated, label).toBe(true);
          expect(got.content.length, label).toBe(maxBytes);
          continue;
        }
        expect(got.content, label).toBe(want.content);
        expect(got.truncated, label).toBe(want.truncated);
        if (request.mode !== 'tail') {
          expect(got.endLine, label).toBe(want.endLine);
          expect(got.nextOffset, label).toBe(want.nextOffset);
          if (!got.truncated && got.totalLines !== undefined) expect(got.totalLines, label).toBe(total);
        }
      }
    }
  });

  it('never splits a multi-byte character when cutting a long line', async () => {
    const got = await windowOf('日本語のテキスト\n', { mode: 'whole' }, 10); // 3 bytes each
    expect(got.content).toBe('日本語');
    const tail = await windowOf('日本語のテキスト', { mode: 'tail', count: 1 }, 10);
    expect(tail.content).toBe('キスト');
    expect(tail.notice).toContain('showing only its end');
  });

  it('keeps a U+FEFF that is not at the start of the file', async () => {
    const got = await windowOf('\uFEFFfirst\n\uFEFFsecond\n', { mode: 'range', offset: 2 }, 1000);
    expect(got.content).toBe('\uFEFFsecond\n');
    expect((await windowOf('\uFEFFfirst\n', { mode: 'whole' }, 1000)).content).toBe('first\n');
  });

  it('counts a final line without newline that lies before the offset', async () => {
    const got = await windowOf('a\nb', { mode: 'range', offset: 3 }, 1000).catch((e: Error) => e);
    expect(got).toBeInstanceOf(Error);
    expect((got as Error).message).toContain('which has 2 lines');
  });
});
