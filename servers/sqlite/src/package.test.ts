import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { commonOptions } from '@refmcp/core';
import {
  callTool,
  type PackageJson,
  type PackedServer,
  packServer,
  serverJsonProblems,
  spawnStdio,
  strayPackageFiles,
} from '@refmcp/core/testing';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { options } from './config.js';

/**
 * What a user gets from npm: the manifest agrees with the package, the sample loads, and the
 * packed tarball installs outside the workspace (better-sqlite3 included) and serves over stdio.
 */

const exec = promisify(execFile);
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
/** Installing compiles better-sqlite3 when no prebuilt binary can be downloaded. */
const TIMEOUT = 300_000;

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

describe('server.json (the MCP Registry entry)', () => {
  it('names this package and version, and documents every environment variable with its default', async () => {
    const read = { options: [...Object.values(options), commonOptions['log-level']] };
    expect(await serverJsonProblems(SERVER_DIR, read)).toEqual([]);
  });
});

describe('examples/sample.sql', () => {
  it('loads into an empty database with a few hundred rows', async () => {
    const db = new Database(':memory:');
    db.exec(await readFile(path.join(SERVER_DIR, 'examples/sample.sql'), 'utf8'));
    const count = (table: string) => db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
    expect(count('customers').n).toBe(60);
    expect(count('orders').n).toBe(400);
    expect(count('order_items').n).toBeGreaterThan(400);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});

const skip = Boolean(process.env.REFMCP_SKIP_PACK_TEST);

describe.skipIf(skip)('the packed package, installed with npx outside the workspace', () => {
  let pack: PackedServer;

  beforeAll(async () => {
    pack = await packServer(SERVER_DIR);
  }, TIMEOUT);

  afterAll(() => pack?.cleanup());

  it('ships the build with its worker script, the sample, server.json, and no tests', () => {
    for (const file of ['dist/index.js', 'dist/server.js', 'dist/db/runner.js', 'examples/sample.sql']) {
      expect(pack.files).toContain(file);
    }
    expect(pack.files).toContain('server.json');
    expect(pack.files).toContain('README.md');
    expect(strayPackageFiles(pack.files)).toEqual([]);
  });

  it(
    'runs from the tarballs: a real MCP session over stdio on a new database',
    async () => {
      const env = pack.npmEnv();
      const pkg = await readJson<PackageJson>(path.join(SERVER_DIR, 'package.json'));
      const version = await exec('npx', pack.npxArgs('refmcp-sqlite', '--version'), {
        cwd: pack.work,
        env,
        timeout: TIMEOUT,
      });
      expect(version.stdout.trim()).toBe(pkg.version);
      const data = path.join(pack.work, 'data');
      await mkdir(data);
      const file = path.join(data, 'new.db');
      const server = await spawnStdio({
        command: 'npx',
        args: pack.npxArgs('refmcp-sqlite', file),
        env,
        cwd: pack.work,
      });
      try {
        const created = await callTool(server.client, 'create_table', {
          query: 'CREATE TABLE t (x INTEGER)',
        });
        expect(created.isError, created.text).toBe(false);
        await callTool(server.client, 'write_query', { query: 'INSERT INTO t VALUES (?)', params: [7] });
        const out = await callTool(server.client, 'read_query', { query: 'SELECT x FROM t' });
        expect(out.structured).toMatchObject({ rows: [[7]] });
      } finally {
        await server.close();
      }
    },
    TIMEOUT,
  );
});
