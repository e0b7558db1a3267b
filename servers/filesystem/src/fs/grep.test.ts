import * as fs from 'node:fs';
import { mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileMatcher } from './grep.js';
import { grepKernel } from './grep-kernel.js';

const kernel = grepKernel(fs);
const search = (
  text: string,
  pattern: string,
  opts: { literal?: boolean; cs?: boolean; limit?: number; ctx?: number } = {},
) =>
  kernel.searchBuffer(
    Buffer.from(text),
    kernel.prepare(compileMatcher(pattern, opts.literal ?? false, opts.cs ?? false)),
    opts.limit ?? 100,
    opts.ctx ?? 0,
  );

describe('compileMatcher', () => {
  it('uses raw bytes for text that needs no case folding, a regex otherwise', () => {
    expect(compileMatcher('TODO', true, true)).toMatchObject({ kind: 'bytes' });
    expect(compileMatcher('1234', false, false)).toMatchObject({ kind: 'bytes' });
    expect(compileMatcher('todo', false, false)).toEqual({ kind: 'regex', source: 'todo', flags: 'gim' });
    expect(compileMatcher('a.b(', true, false)).toEqual({ kind: 'regex', source: 'a\\.b\\(', flags: 'gim' });
  });

  it('rejects an invalid regex with the reason and a way out', () => {
    expect(() => compileMatcher('foo(', false, false)).toThrowError(/Invalid regular expression "foo\(".*/);
    try {
      compileMatcher('[a-', false, true);
    } catch (error) {
      expect((error as { kind: string; hint: string }).kind).toBe('invalid_input');
      expect((error as { hint: string }).hint).toContain('literal: true');
    }
    expect(() => compileMatcher('', false, false)).toThrowError(/empty/);
  });
});

describe('searchBuffer', () => {
  const text = 'alpha\nBeta gamma\r\nbeta\n\nend beta';

  it('finds one result per line with 1-based line and column, both matcher kinds', () => {
    const expected = [
      { line: 2, column: 1, text: 'Beta gamma' },
      { line: 3, column: 1, text: 'beta' },
      { line: 5, column: 5, text: 'end beta' },
    ];
    expect(search(text, 'beta')).toEqual(expected);
    expect(search(text, 'b.ta')).toEqual(expected);
    expect(search(text, 'beta', { cs: true })).toEqual(expected.slice(1));
    expect(search(text, '^beta$', { cs: true })).toEqual([{ line: 3, column: 1, text: 'beta' }]);
    expect(search(text, 'zzz')).toEqual([]);
  });

  it('counts columns in characters for multi-byte text and stops at the limit', () => {
    expect(search('héllo wörld wörld\nwörld', 'wörld', { cs: true, limit: 1 })).toEqual([
      { line: 1, column: 7, text: 'héllo wörld wörld' },
    ]);
  });

  it('adds context without repeating lines between close matches', () => {
    const lines = Array.from({ length: 12 }, (_, i) =>
      i === 3 || i === 5 || i === 11 ? `hit ${i + 1}` : `l${i + 1}`,
    );
    const out = search(lines.join('\n'), 'hit', { ctx: 2 });
    expect(out).toEqual([
      { line: 4, column: 1, text: 'hit 4', before: ['l2', 'l3'], after: ['l5'] },
      { line: 6, column: 1, text: 'hit 6', after: ['l7', 'l8'] },
      { line: 12, column: 1, text: 'hit 12', before: ['l10', 'l11'] },
    ]);
  });

  it('gives no context line after a final newline', () => {
    expect(search('a\nhit\n', 'hit', { ctx: 2 })).toEqual([
      { line: 2, column: 1, text: 'hit', before: ['a'] },
    ]);
  });

  it('clips very long lines around the match', () => {
    const long = `${'x'.repeat(5000)}NEEDLE${'y'.repeat(5000)}`;
    const [m] = search(long, 'NEEDLE', { cs: true });
    expect(m!.column).toBe(5001);
    expect(m!.text.length).toBeLessThanOrEqual(242);
    expect(m!.text).toContain('NEEDLE');
  });
});

describe('scanFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-grep-')));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const matcher = kernel.prepare(compileMatcher('needle', true, true));

  it('reads files larger than one read, and skips binary, oversized and symlinked files', async () => {
    await writeFile(path.join(dir, 'big.txt'), `${'a\n'.repeat(100_000)}needle at the end\n`);
    await writeFile(path.join(dir, 'bin.dat'), Buffer.from([1, 0, 2, ...Buffer.from('needle')]));
    await writeFile(path.join(dir, 'small.txt'), 'needle');
    await symlink(path.join(dir, 'small.txt'), path.join(dir, 'link.txt'));
    expect(kernel.scanFile(path.join(dir, 'big.txt'), matcher, 10_000_000, 10, 0)).toEqual([
      { line: 100_001, column: 1, text: 'needle at the end' },
    ]);
    expect(kernel.scanFile(path.join(dir, 'big.txt'), matcher, 1000, 10, 0)).toBeUndefined();
    expect(kernel.scanFile(path.join(dir, 'bin.dat'), matcher, 1000, 10, 0)).toBeUndefined();
    expect(kernel.scanFile(path.join(dir, 'link.txt'), matcher, 1000, 10, 0)).toBeUndefined();
    expect(kernel.scanFile(path.join(dir, 'small.txt'), matcher, 6, 10, 0)).toHaveLength(1);
    expect(kernel.scanFile(path.join(dir, 'small.txt'), matcher, 5, 10, 0)).toBeUndefined();
    expect(kernel.scanFile(path.join(dir, 'missing.txt'), matcher, 1000, 10, 0)).toBeUndefined();
  });
});
