import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callTool, describePackage } from '@refmcp/core/testing';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { options } from './config.js';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

describePackage({
  dir: SERVER_DIR,
  bin: 'refmcp-sqlite',
  options,
  files: ['dist/db/runner.js', 'examples/sample.sql'],
  // Installing compiles better-sqlite3 when no prebuilt binary can be downloaded.
  timeoutMs: 300_000,
  args: (work) => [path.join(work, 'new.db')],
  session: async ({ client }) => {
    const created = await callTool(client, 'create_table', { query: 'CREATE TABLE t (x INTEGER)' });
    expect(created.isError, created.text).toBe(false);
    await callTool(client, 'write_query', { query: 'INSERT INTO t VALUES (?)', params: [7] });
    const out = await callTool(client, 'read_query', { query: 'SELECT x FROM t' });
    expect(out.structured).toMatchObject({ rows: [[7]] });
  },
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
