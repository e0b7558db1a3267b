import { createRequire } from 'node:module';
import path from 'node:path';
import { ConfigError } from '@refmcp/core';
import Database from 'better-sqlite3';

/** Where better-sqlite3 is installed: `…/node_modules/better-sqlite3`. */
function moduleDir(): string {
  return path.dirname(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3')));
}

/**
 * Loads better-sqlite3's native module before anything else touches SQLite. It is compiled for one
 * Node.js version: run by another (npx's cache kept from before a Node.js upgrade, a version
 * manager switching versions), it fails to load, and wrapped in "Cannot open <file>" that read as
 * a problem with the database. This names the real problem and what to do about it.
 */
export function checkNativeModule(): void {
  try {
    new Database(':memory:').close();
  } catch (error) {
    throw nativeModuleError(error, moduleDir()) ?? error;
  }
}

/** The error a user can act on for a native module that did not load; undefined for other errors. */
export function nativeModuleError(error: unknown, dir: string): ConfigError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const abi =
    /NODE_MODULE_VERSION (\d+)\.\s+This version of Node\.js requires\s+NODE_MODULE_VERSION (\d+)/.exec(
      message,
    );
  const what = 'Cannot load better-sqlite3, the SQLite engine this server runs on';
  if (abi) {
    return new ConfigError(
      `${what}: it was compiled for another Node.js version (NODE_MODULE_VERSION ${abi[1]}) than the one ` +
        `running the server (Node.js ${process.version}, NODE_MODULE_VERSION ${abi[2]}). ${remedy(dir)}`,
    );
  }
  if (/Could not locate the bindings file/.test(message)) {
    return new ConfigError(
      `${what}: its native module was never built (install scripts were skipped, or the compile failed; ` +
        `building needs Python 3, make and a C++ compiler). ${remedy(dir)}`,
    );
  }
  if ((error as NodeJS.ErrnoException)?.code === 'ERR_DLOPEN_FAILED') {
    return new ConfigError(`${what}: ${message.split('\n')[0]}. ${remedy(dir)}`);
  }
  return undefined;
}

/** What to run, for a copy installed by npx (its cache) or by npm or pnpm (a project). */
function remedy(dir: string): string {
  const at = dir.indexOf(`${path.sep}node_modules${path.sep}`);
  const root = at === -1 ? dir : dir.slice(0, at);
  const rebuild = `cd ${root} && npm rebuild better-sqlite3`;
  if (/[\\/]_npx[\\/]/.test(root)) {
    return (
      `This copy came through npx: delete ${root} and start the server again, so npx installs it with ` +
      `this Node.js (the first start then takes a minute or two if it compiles), or rebuild it in place: ${rebuild}.`
    );
  }
  return (
    `Rebuild it with the Node.js that runs the server: ${rebuild} (pnpm rebuild better-sqlite3 in a pnpm ` +
    'project), or reinstall the server with that Node.js.'
  );
}
