import { describe, expect, it } from 'vitest';
import { looseMatches } from './edit-find.js';
import {
  applyEdits,
  decodeDocument,
  encodeDocument,
  MAX_REPLACEMENTS,
  MAX_REPORTED_MATCHES,
} from './edits.js';

const apply = (text: string, edits: Array<{ oldText: string; newText: string }>, replaceAll = false) =>
  applyEdits(decodeDocument(Buffer.from(text), 'f'), edits, {
    replaceAll,
    display: 'f',
    maxBytes: 1024 * 1024,
    maxBytesName: 'test cap',
  });

describe('decodeDocument / encodeDocument', () => {
  it('round-trips every byte of uniform and mixed line endings, BOM included', () => {
    const samples = [
      '',
      'a\nb\n',
      'a\r\nb\r\n',
      'a\r\nb',
      'lone\rcarriage\r\nreturn\r\n',
      'double\r\r\nend\r\n',
      'mixed\r\nendings\n',
      '\uFEFFwith bom\r\n',
    ];
    for (const sample of samples) {
      const bytes = Buffer.from(sample);
      expect(encodeDocument(decodeDocument(bytes, 'f')).equals(bytes), JSON.stringify(sample)).toBe(true);
    }
  });

  it('normalizes only files that use CRLF throughout', () => {
    expect(decodeDocument(Buffer.from('a\r\nb\r\n'), 'f')).toEqual({
      text: 'a\nb\n',
      bom: false,
      eol: 'crlf',
    });
    expect(decodeDocument(Buffer.from('a\r\nb\n'), 'f')).toMatchObject({ text: 'a\r\nb\n', eol: 'mixed' });
    expect(decodeDocument(Buffer.from('\uFEFFx'), 'f')).toEqual({ text: 'x', bom: true, eol: 'lf' });
  });

  it('refuses invalid UTF-8 instead of replacing it', () => {
    const latin1 = Buffer.concat([Buffer.from('Le caf'), Buffer.from([0xe9]), Buffer.from(' est ouvert.\n')]);
    expect(() => decodeDocument(latin1, 'f')).toThrow(/not valid UTF-8/);
  });
});

describe('applyEdits', () => {
  it('counts overlapping matches as ambiguous; replaceAll replaces left to right', () => {
    expect(() => apply('aaa', [{ oldText: 'aa', newText: 'b' }])).toThrow(
      /matches 2 places in f \(lines 1, 1\)/,
    );
    expect(apply('aaa', [{ oldText: 'aa', newText: 'b' }], true)).toEqual({ text: 'ba', replacements: 1 });
  });

  it('lists at most five match lines', () => {
    const text = Array.from({ length: 8 }, () => 'x').join('\n');
    expect(() => apply(text, [{ oldText: 'x', newText: 'y' }])).toThrow(
      /matches 8 places in f \(lines 1, 2, 3, 4, 5, …\)/,
    );
  });

  it('re-indents newText written without the file indentation', () => {
    const { text } = apply('class A {\n    run() {\n        go();\n    }\n}\n', [
      { oldText: 'run() {\n    go();\n}', newText: 'run() {\n    go();\n    stop();\n}' },
    ]);
    expect(text).toBe('class A {\n    run() {\n        go();\n        stop();\n    }\n}\n');
  });

  it('deletes whole lines through a whitespace-tolerant match ending in a newline', () => {
    const { text } = apply('keep\n  drop me  \n  and me\nkeep too\n', [
      { oldText: 'drop me\nand me\n', newText: '' },
    ]);
    expect(text).toBe('keep\nkeep too\n');
  });

  it('does not add a newline at the end of a file that had none', () => {
    const { text } = apply('first\n    last', [{ oldText: 'last\n', newText: 'final\n' }]);
    expect(text).toBe('first\n    final');
  });

  it('replaces every whitespace-tolerant match with replaceAll, each with its own indentation', () => {
    const { text, replacements } = apply(
      '  go()\n      go()\n',
      [{ oldText: 'go() ', newText: 'stop()' }],
      true,
    );
    expect(replacements).toBe(2);
    expect(text).toBe('  stop()\n      stop()\n');
  });

  it('gives a generic hint when no line is close', () => {
    expect(() => apply('alpha\nbeta\n', [{ oldText: 'zzzzqqqq', newText: '' }])).toThrow(/not found in f/);
    try {
      apply('alpha\nbeta\n', [{ oldText: 'zzzzqqqq', newText: '' }]);
    } catch (error) {
      expect((error as { hint?: string }).hint).toBe(
        'Read the file with read_text_file and copy the exact current text into oldText.',
      );
    }
  });

  it('refuses oldText that is only whitespace when it does not occur exactly', () => {
    expect(() => apply('a\nb\n', [{ oldText: '   \n', newText: 'x' }])).toThrow(/not found/);
  });
});

describe('bounds', () => {
  it('counts an ambiguous oldText only up to MAX_REPORTED_MATCHES', () => {
    expect(() => apply('x'.repeat(5000), [{ oldText: 'x', newText: 'y' }])).toThrow(
      new RegExp(`matches more than ${MAX_REPORTED_MATCHES} places in f \\(lines 1, 1, 1, 1, 1, …\\)`),
    );
  });

  it('refuses a replaceAll over MAX_REPLACEMENTS places before replacing any', () => {
    const text = 'a\n'.repeat(MAX_REPLACEMENTS + 1);
    expect(() => apply(text, [{ oldText: 'a', newText: 'b' }], true)).toThrow(
      `replaceAll replaces at most ${MAX_REPLACEMENTS} places`,
    );
    expect(apply('a\n'.repeat(MAX_REPLACEMENTS), [{ oldText: 'a', newText: 'b' }], true).replacements).toBe(
      MAX_REPLACEMENTS,
    );
  });

  it('refuses a result over the size cap from its size alone, naming the cap', () => {
    // Each 16 "a"s of 1 MiB into 1000 characters: 65 MB, refused before it is built.
    const text = 'a'.repeat(1024 * 1024);
    expect(() => apply(text, [{ oldText: 'a'.repeat(16), newText: 'b'.repeat(1000) }], true)).toThrow(
      /The edit: f would be 65536000 bytes, over the 1048576-byte test cap/,
    );
  });

  it('finds whitespace-tolerant matches as a split into lines would, without splitting', () => {
    const reference = (text: string, oldText: string) => {
      const needle = oldText.split('\n');
      if (oldText.endsWith('\n')) needle.pop();
      const want = needle.map((l) => l.trim());
      const lines = text.split('\n');
      const found: number[] = [];
      for (let i = 0; i + needle.length <= lines.length; i++) {
        if (!want.every((w, j) => lines[i + j]!.trim() === w)) continue;
        found.push(i);
        i += needle.length - 1;
      }
      return found;
    };
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const words = ['a', ' a', 'b ', '  b', '', 'c'];
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: rand(12) }, () => words[rand(words.length)]).join('\n');
      const oldText =
        Array.from({ length: 1 + rand(3) }, () => words[rand(4)]).join('\n') + (rand(2) ? '\n' : '');
      const lineStarts = [0];
      for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
      const got = looseMatches(text, oldText, 1000).map((m) => lineStarts.indexOf(m.start));
      const want = oldText.trim() === '' ? [] : reference(text, oldText);
      expect(got, JSON.stringify({ text, oldText })).toEqual(want);
    }
  });
});
