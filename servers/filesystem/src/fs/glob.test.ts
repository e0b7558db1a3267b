import { describe, expect, it } from 'vitest';
import { parseGitignore } from './gitignore.js';
import { Glob, GlobSyntaxError, MAX_GLOB_LENGTH } from './glob.js';

const matches = (pattern: string, input: string) => new Glob(pattern).test(input);

describe('Glob', () => {
  it.each([
    // pattern, matching inputs, non-matching inputs
    ['*.ts', ['a.ts', '.c.ts', 'a.b.ts'], ['a.tsx', 'src/a.ts', 'a.js']],
    ['?', ['a', 'x'], ['ab', '/', '']],
    ['a?c', ['abc'], ['ac', 'a/c']],
    ['**', ['a', 'a/b/c', '.git/x'], []],
    ['**/*.ts', ['a.ts', 'src/a.ts', 'src/a/b.ts'], ['a.js', 'src/a.tsx']],
    ['src/**/*.ts', ['src/a.ts', 'src/a/b.ts'], ['lib/src/b.ts', 'src.ts']],
    ['src/**', ['src', 'src/a', 'src/a/b'], ['srcx', 'lib/src']],
    ['a/**/b', ['a/b', 'a/x/b', 'a/x/y/b'], ['a/xb', 'ab', 'b']],
    ['**/x', ['x', 'y/x', 'y/z/x'], ['xx', 'x/y']],
    ['**/lib/**', ['lib', 'a/lib/c', 'lib/x/y'], ['alib', 'a/libx/c']],
    ['*.{js,ts}', ['a.js', 'a.ts'], ['a.md', 'a.{js,ts}']],
    ['{a,{b,c}}x', ['ax', 'bx', 'cx'], ['dx', 'x']],
    ['{,x}y', ['y', 'xy'], ['xxy']],
    ['{1..12}', ['1', '10', '12'], ['13', '0']],
    ['{a..c}', ['a', 'b', 'c'], ['d']],
    ['a{b}', ['a{b}'], ['ab']],
    ['a{b', ['a{b'], ['ab']],
    ['[a-c]x', ['ax', 'cx'], ['dx', 'x']],
    ['[!a]x', ['bx'], ['ax', '/x']],
    ['[^a]x', ['bx'], ['ax']],
    ['[]a]', [']', 'a'], ['b']],
    ['[[:digit:]]*', ['1x', '9'], ['x1']],
    ['[a', ['[a'], ['a']],
    ['a\\*b', ['a*b'], ['axb']],
    ['*.@(js|ts)', ['a.js', 'a.ts'], ['a.md']],
    ['+(a|b)', ['a', 'abba'], ['', 'c']],
    ['*(a)x', ['x', 'aax'], ['bx']],
    ['?(a)b', ['b', 'ab'], ['aab']],
    ['!*.ts', ['a.js', 'src/a.ts'], ['a.ts']],
    ['!!a*', ['ab'], ['ba']],
    ['*a*a*b', ['aab', 'xaxaxb'], ['ab', 'aaa']],
  ])('%s', (pattern, yes, no) => {
    for (const input of yes) expect(matches(pattern, input), input).toBe(true);
    for (const input of no) expect(matches(pattern, input), input).toBe(false);
  });

  it('decides many-star and many-globstar patterns on long inputs in one pass', () => {
    // A backtracking engine takes minutes on each of these; this one reads each input once.
    const long = `${'a'.repeat(10_000)}0`;
    expect(matches('*a*a*a*a*a*a*a*a*a*a*a*a*b', long)).toBe(false);
    expect(matches('*a*a*a*a*a*a*a*a*a*a*a*a*0', long)).toBe(true);
    expect(matches('**/a/**/a/**/a/**/a/**/a/**/b', `${'a/'.repeat(2000)}c`)).toBe(false);
    expect(matches(`${'*'.repeat(MAX_GLOB_LENGTH - 1)}b`, long)).toBe(false);
    expect(matches('{a,b}'.repeat(200), 'ab'.repeat(100))).toBe(true);
  });

  it('keeps giving the same answers once its cache of states is full', () => {
    // "an a ten from the end" needs 2^10 DFA states, more than one pattern may cache.
    const glob = new Glob('*a?????????');
    const inputs = Array.from({ length: 4096 }, (_, i) =>
      i.toString(2).padStart(12, '0').replace(/0/g, 'b').replace(/1/g, 'a'),
    );
    for (let round = 0; round < 2; round++) {
      for (const input of inputs) expect(glob.test(input)).toBe(input.at(-10) === 'a');
    }
  });

  it('refuses what it cannot match in linear time, and oversized patterns', () => {
    expect(() => new Glob('!(a).ts')).toThrow(GlobSyntaxError);
    expect(() => new Glob('x'.repeat(MAX_GLOB_LENGTH + 1))).toThrow(/longer than/);
    expect(() => new Glob('{1..100000}')).toThrow(/more than 1000 items/);
  });

  it('reads the gitignore dialect: no braces or extglobs, and a trailing /** needs something below', () => {
    const gi = (pattern: string, input: string) => new Glob(pattern, 'gitignore').test(input);
    expect(gi('{a,b}', '{a,b}')).toBe(true);
    expect(gi('@(a)', '@(a)')).toBe(true);
    expect(gi('!x', '!x')).toBe(true);
    expect(gi('abc/**', 'abc')).toBe(false);
    expect(gi('abc/**', 'abc/x/y')).toBe(true);
    expect(gi('a**b', 'ax/b')).toBe(false);
  });
});

describe('parseGitignore', () => {
  it('applies git precedence: last match wins, parents first, names at any depth, anchors', () => {
    const rules = parseGitignore(
      '# comment\n*.log\n!keep.log\nbuild/\n/top.txt\ndoc/*.md\ntrail   \nesc\\ \n',
    )!;
    expect(rules.test('a/x.log', false)).toBe('ignored');
    expect(rules.test('a/keep.log', false)).toBe('unignored');
    expect(rules.test('build', true)).toBe('ignored');
    expect(rules.test('build', false)).toBeUndefined();
    expect(rules.test('build/keep.log', false)).toBe('ignored');
    expect(rules.test('top.txt', false)).toBe('ignored');
    expect(rules.test('sub/top.txt', false)).toBeUndefined();
    expect(rules.test('doc/a.md', false)).toBe('ignored');
    expect(rules.test('doc/sub/a.md', false)).toBeUndefined();
    expect(rules.test('TRAIL', false)).toBe('ignored');
    expect(rules.test('esc ', false)).toBe('ignored');
    expect(parseGitignore('# only a comment\n\n   \n')).toBeUndefined();
  });

  it('skips a rule too long to be real instead of failing the walk', () => {
    const rules = parseGitignore(`${'x'.repeat(MAX_GLOB_LENGTH + 1)}\nb\n`)!;
    expect(rules.test('b', false)).toBe('ignored');
    expect(rules.test('x'.repeat(MAX_GLOB_LENGTH + 1), false)).toBeUndefined();
  });
});
