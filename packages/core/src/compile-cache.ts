/**
 * Called by each server's `bin/` command before the server itself loads: turns on Node's on-disk
 * compile cache, so every start after the first skips compiling the server's modules (a
 * `--cpu-prof` of a cold start showed a sixth of it compiling). Only node: built-ins here, so
 * nothing loads before the cache is on.
 *
 * Security: the cache lives in the user's own cache folder (`$XDG_CACHE_HOME` or `~/.cache`),
 * never the shared temp folder, where another local user could plant compiled code.
 *
 * Whatever goes wrong costs only the speed-up. Node 22.0 has no compile cache. The folder is
 * made one level at a time: on Node 22 and 24 a recursive mkdir (which `enableCompileCache`
 * does itself) never returns for some paths that cannot be made, such as one under a missing
 * folder in /proc, and a server whose HOME pointed there would hang before it started.
 */
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** Where the cache goes, or undefined when there is no usable place for it. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  let base: string;
  if (xdg && path.isAbsolute(xdg)) base = xdg;
  else {
    const home = env.HOME || os.homedir();
    if (!home || !path.isAbsolute(home)) return undefined;
    base = path.join(home, '.cache');
  }
  return path.join(base, 'refmcp', 'node-compile-cache');
}

/** Makes `dir` and its missing parents without a recursive mkdir; true if it is writable. */
export function makeDirStepwise(dir: string): boolean {
  const missing: string[] = [];
  for (let current = dir; !existsSync(current); current = path.dirname(current)) {
    if (path.dirname(current) === current) return false;
    missing.unshift(current);
  }
  try {
    for (const step of missing) {
      try {
        mkdirSync(step, { mode: 0o700 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      }
    }
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Turns the cache on for every module loaded after this call; returns its folder if it is on. */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): string | undefined {
  // The user's own NODE_COMPILE_CACHE (already on) or an explicit opt-out wins.
  if (!module.enableCompileCache || env.NODE_DISABLE_COMPILE_CACHE || env.NODE_COMPILE_CACHE)
    return undefined;
  try {
    const dir = compileCacheDir(env);
    if (!dir || !makeDirStepwise(dir)) return undefined;
    const result = module.enableCompileCache(dir);
    return result.directory;
  } catch {
    return undefined;
  }
}
