// The servers we compare against, found or installed the same way by every suite that uses them.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { log, repoRoot, runProcess, scratchDir } from './lib.mjs';

const require = createRequire(import.meta.url);

export const OFFICIAL_FILESYSTEM = '@modelcontextprotocol/server-filesystem';

/** The official filesystem server, a pinned devDependency of this package: its entry and version. */
export function officialFilesystem() {
  const pkgFile = require.resolve(`${OFFICIAL_FILESYSTEM}/package.json`);
  const pkg = require(pkgFile);
  const bin = typeof pkg.bin === 'string' ? pkg.bin : Object.values(pkg.bin)[0];
  return { bin: path.join(path.dirname(pkgFile), bin), version: pkg.version };
}

export const SQLITE_PORT = 'mcp-server-sqlite-npx';
export const SQLITE_PORT_VERSION = '0.8.0';

/**
 * The npm port of the official SQLite server, installed into .bench/ once rather than into the
 * workspace, so a normal install never compiles its native module. Its entry, or undefined when
 * it cannot be installed (the suites then report the comparison as not measured).
 */
export async function sqlitePort() {
  const dir = path.join(scratchDir, `${SQLITE_PORT}-${SQLITE_PORT_VERSION}`);
  const bin = path.join(dir, 'node_modules', SQLITE_PORT, 'dist/index.js');
  if (existsSync(bin)) return bin;
  log(
    `  installing ${SQLITE_PORT}@${SQLITE_PORT_VERSION} into ${path.relative(repoRoot, dir)} (once; may compile)…`,
  );
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  try {
    await runProcess(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', `${SQLITE_PORT}@${SQLITE_PORT_VERSION}`],
      { cwd: dir },
    );
  } catch (error) {
    log(`  could not install ${SQLITE_PORT}: ${error.message}`);
    return undefined;
  }
  return existsSync(bin) ? bin : undefined;
}
