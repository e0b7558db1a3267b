import { describe, expect, it } from 'vitest';
import { DELETE, diffSequences, EQUAL, INSERT, type Step, splitLines, unifiedDiff } from './diff.js';

/** Replays an edit script on `a`; a correct script yields exactly `b`. */
function replay(a: string[], b: string[], steps: Step[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  for (const step of steps) {
    if (step === EQUAL) {
      expect(a[i]).toBe(b[j]);
      out.push(a[i++]!);
      j++;
    } else if (step === DELETE) i++;
    else out.push(b[j++]!);
  }
  expect(i).toBe(a.length);
  expect(j).toBe(b.length);
  return out;
}

function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

/** Applies a unified diff the way `patch` would, checking every context and removed line. */
function applyPatch(before: string, patch: string): string {
  const src = splitLines(before);
  const lines = patch.split('\n');
  expect(lines[0]).toMatch(/^--- a\//);
  expect(lines[1]).toMatch(/^\+\+\+ b\//);
  const out: string[] = [];
  let at = 0;
  let k = 2;
  while (k < lines.length && lines[k] !== '') {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[k]!);
    expect(header, lines[k]).not.toBeNull();
    const [, oldStart, oldCount = '1'] = header!;
    const start = Number(oldCount) === 0 ? Number(oldStart) : Number(oldStart) - 1;
    while (at < start) out.push(src[at++]!);
    let removed = 0;
    k++;
    while (k < lines.length && /^[ +\-\\]/.test(lines[k]!)) {
      const line = lines[k]!;
      const noEol = lines[k + 1] === '\\ No newline at end of file';
      const text = line.slice(1) + (noEol ? '' : '\n');
      if (line[0] === ' ' || line[0] === '-') {
        expect(src[at]).toBe(text);
        at++;
        removed++;
      }
      if (line[0] === ' ' || line[0] === '+') out.push(text);
      k += noEol ? 2 : 1;
    }
    expect(removed).toBe(Number(oldCount));
  }
  while (at < src.length) out.push(src[at++]!);
  return out.join('');
}

/** Deterministic pseudo-random numbers so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('splitLines', () => {
  it('keeps terminators and does not invent an empty last line', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a\nb\n')).toEqual(['a\n', 'b\n']);
    expect(splitLines('a\nb')).toEqual(['a\n', 'b']);
    expect(splitLines('\n\n')).toEqual(['\n', '\n']);
  });
});

describe('diffSequences', () => {
  it('finds a minimal script on random small inputs', () => {
    const random = rng(42);
    for (let round = 0; round < 300; round++) {
      const pick = () =>
        Array.from({ length: Math.floor(random() * 12) }, () => 'abcd'[Math.floor(random() * 4)]!);
      const a = pick();
      const b = pick();
      const steps = diffSequences(a, b);
      expect(replay(a, b, steps)).toEqual(b);
      expect(steps.filter((s) => s === EQUAL).length).toBe(lcsLength(a, b));
    }
  });

  it('stays correct past the exact-algorithm budget (anchored split)', () => {
    const a = Array.from({ length: 6000 }, (_, i) => `line ${i}\n`);
    // Change every other line: thousands of edits, unique unchanged lines in between.
    const b = a.map((line, i) => (i % 2 === 0 ? `changed ${i}\n` : line));
    const steps = diffSequences(a, b);
    expect(replay(a, b, steps)).toEqual(b);
    expect(steps.filter((s) => s === EQUAL).length).toBe(3000);
  });

  it('falls back to a block replacement when nothing anchors, still correct', () => {
    const a = Array.from({ length: 3000 }, (_, i) => (i % 2 ? 'x\n' : 'y\n'));
    const b = Array.from({ length: 3000 }, (_, i) => (i % 3 ? 'z\n' : 'w\n'));
    const steps = diffSequences(a, b);
    expect(replay(a, b, steps)).toEqual(b);
    expect(steps.filter((s) => s === INSERT).length).toBe(3000);
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('same\n', 'same\n', { path: 'f' })).toBe('');
  });

  it('renders one hunk with three lines of context', () => {
    const before = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\n';
    const after = 'l1\nl2\nl3\nl4\nL5\nl6\nl7\nl8\nl9\n';
    expect(unifiedDiff(before, after, { path: 'src/x.txt' })).toBe(
      '--- a/src/x.txt\n+++ b/src/x.txt\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n',
    );
  });

  it('merges nearby changes and splits distant ones', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
    const before = `${lines.join('\n')}\n`;
    const changed = [...lines];
    changed[4] = 'five';
    changed[10] = 'eleven'; // 5 equal lines after line 5: same hunk
    changed[30] = 'thirty-one'; // far away: its own hunk
    const after = `${changed.join('\n')}\n`;
    const patch = unifiedDiff(before, after, { path: 'f' });
    expect(patch.match(/^@@/gm)).toHaveLength(2);
    expect(patch).toContain('@@ -2,13 +2,13 @@');
    expect(patch).toContain('@@ -28,7 +28,7 @@');
    expect(applyPatch(before, patch)).toBe(after);
  });

  it('marks a missing final newline on either side', () => {
    const patch = unifiedDiff('a\nb', 'a\nb\n', { path: 'f' });
    expect(patch).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
    expect(applyPatch('a\nb', patch)).toBe('a\nb\n');
  });

  it('uses the line before for empty ranges (file created from nothing, lines deleted)', () => {
    expect(unifiedDiff('', 'x\n', { path: 'f' })).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n');
    const before = 'a\nb\nc\n';
    const patch = unifiedDiff(before, 'a\nc\n', { path: 'f' });
    expect(patch).toContain('@@ -1,3 +1,2 @@');
    expect(applyPatch(before, patch)).toBe('a\nc\n');
  });

  it('produces patches that reproduce the new text on random edits', () => {
    const random = rng(7);
    for (let round = 0; round < 200; round++) {
      const words = Array.from(
        { length: 5 + Math.floor(random() * 60) },
        () => `w${Math.floor(random() * 8)}`,
      );
      const before = words.join('\n') + (random() < 0.5 ? '\n' : '');
      const edited = words.filter(() => random() > 0.15).map((w) => (random() < 0.1 ? `${w}!` : w));
      if (random() < 0.3) edited.splice(Math.floor(random() * edited.length), 0, 'new');
      const after = edited.join('\n') + (random() < 0.5 ? '\n' : '');
      const patch = unifiedDiff(before, after, { path: 'f' });
      if (before === after) expect(patch).toBe('');
      else expect(applyPatch(before, patch)).toBe(after);
    }
  });
});
