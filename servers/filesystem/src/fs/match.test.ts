import { describe, expect, it } from 'vitest';
import { compileExcludes, compileFileGlobs, compileSearchPattern, hasGlobChars, MAX_GLOBS } from './match.js';

describe('compileExcludes', () => {
  it('has only the defaults unless told otherwise, and nothing at all without them', () => {
    const defaults = compileExcludes([], true)!;
    expect(defaults('a/node_modules', 'node_modules', true)).toBe(true);
    expect(defaults('.git', '.git', false)).toBe(true);
    expect(defaults('src', 'src', true)).toBe(false);
    expect(compileExcludes([], false)).toBeUndefined();
    expect(compileExcludes(['  '], false)).toBeUndefined();
  });

  it('matches names anywhere, paths from the root, anchored paths, and directory-only patterns', () => {
    const test = compileExcludes(['*.log', 'src/gen/**', '/top', 'cache/'], false)!;
    expect(test('deep/x.log', 'x.log', false)).toBe(true);
    expect(test('src/gen', 'gen', true)).toBe(true);
    expect(test('src/gen/a.ts', 'a.ts', false)).toBe(true);
    expect(test('other/src/gen', 'gen', true)).toBe(false);
    expect(test('top', 'top', false)).toBe(true);
    expect(test('sub/top', 'top', false)).toBe(false);
    expect(test('a/cache', 'cache', true)).toBe(true);
    expect(test('a/cache', 'cache', false)).toBe(false);
  });
});

describe('compileSearchPattern', () => {
  it('chooses path glob, name glob or name fragment from the pattern', () => {
    const pathGlob = compileSearchPattern('src/**/*.ts');
    expect(pathGlob('src/a/b.ts', 'b.ts', false)).toBe(true);
    expect(pathGlob('lib/src/b.ts', 'b.ts', false)).toBe(false);
    const nameGlob = compileSearchPattern('*.ts');
    expect(nameGlob('a/b/c.ts', 'c.ts', false)).toBe(true);
    expect(nameGlob('a/b/.c.ts', '.c.ts', false)).toBe(true);
    const fragment = compileSearchPattern('Config');
    expect(fragment('x/app.config.js', 'app.config.js', false)).toBe(true);
    expect(fragment('config/x.js', 'x.js', false)).toBe(false);
    expect(compileSearchPattern('./lib/readme')('lib/README.md', 'README.md', false)).toBe(true);
  });

  it('tells glob characters apart from plain names', () => {
    expect(['*.ts', 'a?', '[ab]', '{a,b}', '@(x)'].every(hasGlobChars)).toBe(true);
    expect(['package.json', 'my file (1).txt', 'a+b'].some(hasGlobChars)).toBe(false);
  });
});

describe('compileFileGlobs', () => {
  it('matches names without "/" and paths with it', () => {
    const include = compileFileGlobs(['*.md', 'src/**/*.ts'], 'include')!;
    expect(include('docs/x.md', 'x.md', false)).toBe(true);
    expect(include('src/a/b.ts', 'b.ts', false)).toBe(true);
    expect(include('test/b.ts', 'b.ts', false)).toBe(false);
    expect(compileFileGlobs([], 'include')).toBeUndefined();
  });
});

describe('limits', () => {
  it('refuses more than MAX_GLOBS globs in one list, and says why a glob is invalid', () => {
    const many = Array.from({ length: MAX_GLOBS + 1 }, (_, i) => `*.${i}`);
    expect(() => compileExcludes(many, true)).toThrow(/at most 100 are accepted/);
    expect(() => compileFileGlobs(many, 'include')).toThrow(/include has 101 globs/);
    expect(() => compileSearchPattern('!(a).ts')).toThrow(
      /Invalid glob in pattern: "!\(a\)\.ts" \(!\(…\) is not supported\)/,
    );
  });
});
