import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCacheDir, enableCompileCache, makeDirStepwise } from './compile-cache.js';

const temps: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'refmcp-cc-'));
  temps.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('compileCacheDir', () => {
  it('prefers an absolute XDG_CACHE_HOME, else ~/.cache', () => {
    expect(compileCacheDir({ XDG_CACHE_HOME: '/c', HOME: '/h' })).toBe('/c/refmcp/node-compile-cache');
    expect(compileCacheDir({ HOME: '/h' })).toBe('/h/.cache/refmcp/node-compile-cache');
    // A relative XDG_CACHE_HOME is invalid by the spec and would land wherever the server starts.
    expect(compileCacheDir({ XDG_CACHE_HOME: 'rel', HOME: '/h' })).toBe(
      '/h/.cache/refmcp/node-compile-cache',
    );
  });
});

describe('makeDirStepwise', () => {
  it('makes missing parents, private to the user', () => {
    const dir = path.join(tempDir(), 'a', 'b', 'c');
    expect(makeDirStepwise(dir)).toBe(true);
    expect(statSync(dir).isDirectory()).toBe(true);
    if (process.platform !== 'win32') expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(makeDirStepwise(dir)).toBe(true);
  });

  it('gives up when a file is in the way', () => {
    const file = path.join(tempDir(), 'file');
    writeFileSync(file, 'x');
    expect(makeDirStepwise(path.join(file, 'cache'))).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'returns at once for a folder that cannot be made under /proc',
    () => {
      // Node's own recursive mkdir never returns for this path on Node 22 and 24.
      expect(makeDirStepwise('/proc/refmcp-missing/.cache/refmcp')).toBe(false);
    },
  );
});

describe('enableCompileCache', () => {
  it('leaves a compile cache the user set up alone, and honours the opt-out', () => {
    const home = tempDir();
    expect(enableCompileCache({ HOME: home, NODE_COMPILE_CACHE: '/elsewhere' })).toBeUndefined();
    expect(enableCompileCache({ HOME: home, NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined();
    expect(() => statSync(path.join(home, '.cache'))).toThrow();
  });
});
