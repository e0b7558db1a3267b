import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { nativeModuleError } from './native.js';
import { makeDatabase } from './test-helpers.js';

const exec = promisify(execFile);
const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** What Node.js says when a native module was built for another ABI (Node 20's 115, Node 22's 127). */
const ABI_MISMATCH = Object.assign(
  new Error(
    "The module '/home/ada/.npm/_npx/3f2a/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
      'was compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\n' +
      'NODE_MODULE_VERSION 127. Please try re-compiling or re-installing\nthe module (for instance, using `npm rebuild` or `npm install`).',
  ),
  { code: 'ERR_DLOPEN_FAILED' },
);

describe('a native module that cannot load', () => {
  it('is named with the Node.js versions, and npx users are told to drop the cached copy or rebuild it', () => {
    const error = nativeModuleError(ABI_MISMATCH, '/home/ada/.npm/_npx/3f2a/node_modules/better-sqlite3');
    expect(error?.message).toBe(
      'Cannot load better-sqlite3, the SQLite engine this server runs on: it was compiled for another Node.js ' +
        `version (NODE_MODULE_VERSION 115) than the one running the server (Node.js ${process.version}, ` +
        'NODE_MODULE_VERSION 127). This copy came through npx: delete /home/ada/.npm/_npx/3f2a and start the ' +
        'server again, so npx installs it with this Node.js (the first start then takes a minute or two if it ' +
        'compiles), or rebuild it in place: cd /home/ada/.npm/_npx/3f2a && npm rebuild better-sqlite3.',
    );
  });

  it('tells a project install (npm or pnpm) to rebuild it there', () => {
    const dir = '/srv/app/node_modules/.pnpm/better-sqlite3@12.11.1/node_modules/better-sqlite3';
    expect(nativeModuleError(ABI_MISMATCH, dir)?.message).toContain(
      'Rebuild it with the Node.js that runs the server: cd /srv/app && npm rebuild better-sqlite3 ' +
        '(pnpm rebuild better-sqlite3 in a pnpm project), or reinstall the server with that Node.js.',
    );
  });

  it('says when the module was never built', () => {
    const missing = new Error(
      'Could not locate the bindings file. Tried:\n → /srv/app/node_modules/better-sqlite3/build/better_sqlite3.node',
    );
    expect(nativeModuleError(missing, '/srv/app/node_modules/better-sqlite3')?.message).toMatch(
      /its native module was never built .*needs Python 3, make and a C\+\+ compiler\)\. Rebuild it/,
    );
  });

  it('leaves every other error alone', () => {
    expect(
      nativeModuleError(new Error('SQLITE_CANTOPEN: unable to open database file'), '/x'),
    ).toBeUndefined();
  });
});

// The real thing: the built server, whose better-sqlite3 was compiled for the Node.js running these
// tests, started by another major version of Node.js from npm (fetched once, then cached by npx).
describe.skipIf(process.platform === 'win32')('the built server under another Node.js', () => {
  it('names the version mismatch and the rebuild, not the database', async () => {
    const other = process.versions.node.startsWith('22.') ? '24' : '22';
    const db = makeDatabase();
    onTestFinished(db.cleanup);
    // Without the npm_* variables pnpm gives its scripts (npx warns about them on stderr); a
    // configured registry stays.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^npm_(?!config_registry$)/i.test(key)),
    );
    const run = await exec('npx', ['-y', '-p', `node@${other}`, 'node', BIN, db.file], {
      env: { ...env, npm_config_update_notifier: 'false' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^refmcp-sqlite: Cannot load better-sqlite3, the SQLite engine this server runs on: it was compiled for another Node\.js version \(NODE_MODULE_VERSION \d+\) than the one running the server \(Node\.js v\d+/,
    );
    expect(run.stderr).toContain('npm rebuild better-sqlite3');
    expect(run.stderr).not.toContain('Cannot open');
  }, 180_000);
});
