import { readdirSync, readFileSync } from 'node:fs';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { DatabasePool } from './db/pool.js';
import { type Fixture, makeDatabase, makeFixture, poolOptions } from './test-helpers.js';

/** Statements that would change the file, or reach another one, if anything let them through. */
const TRICKS = [
  "INSERT INTO customers (name) VALUES ('x')",
  "WITH x AS (SELECT 'x' AS n) INSERT INTO customers (name) SELECT n FROM x",
  'DELETE FROM orders',
  'DROP TABLE orders',
  'PRAGMA query_only = OFF',
  'PRAGMA writable_schema = ON',
  'PRAGMA journal_mode = WAL',
  'PRAGMA user_version = 9',
  'PRAGMA optimize',
  "ATTACH 'attached.db' AS a",
  "VACUUM INTO 'copy.db'",
  'VACUUM',
  'ANALYZE',
  'REINDEX',
  "SELECT load_extension('./nothing')",
  'BEGIN EXCLUSIVE',
];

describe.each(['legacy', 'modern'] as const)('--read-only (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('offers no write tools, keeps the memo, and leaves the file byte-identical whatever is tried', async () => {
    fx = await makeFixture(era, { readOnly: true });
    const before = readFileSync(fx.file);
    const { tools } = await fx.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'append_insight',
      'describe_table',
      'explain_query',
      'list_databases',
      'list_tables',
      'read_query',
      'search_schema',
    ]);
    for (const query of TRICKS) {
      const out = await callTool(fx.client, 'read_query', { query });
      expect(out.isError, `${query}: ${out.text}`).toBe(true);
    }
    await expect(callTool(fx.client, 'write_query', { query: 'DELETE FROM orders' })).rejects.toThrow(
      /Tool write_query is not offered: the server runs in read-only mode/,
    );
    expect((await callTool(fx.client, 'append_insight', { insight: 'memo only' })).isError).toBe(false);
    const rows = await callTool(fx.client, 'read_query', { query: 'SELECT count(*) FROM orders' });
    expect(rows.structured).toMatchObject({ rows: [[30]] });
    await fx.app.close();
    expect(readFileSync(fx.file).equals(before)).toBe(true);
    expect(readdirSync(fx.dir)).toEqual(['db.sqlite']);
  });

  it('names read-only mode and the flag that changes it, wherever a write is asked for', async () => {
    fx = await makeFixture(era, { readOnly: true });
    const reason =
      'the server runs in read-only mode (--read-only or SQLITE_READ_ONLY); restart it without that to allow writes';
    for (const tool of ['write_query', 'write_batch', 'create_table']) {
      await expect(callTool(fx.client, tool, { query: 'DELETE FROM orders' })).rejects.toThrow(
        `Tool ${tool} is not offered: ${reason}.`,
      );
    }
    // A write sent to read_query must not point at write_query, which is not there.
    const refused = await callTool(fx.client, 'read_query', { query: 'DELETE FROM orders' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain(`No statement that changes the database can run: ${reason}.`);
    expect(refused.text).not.toContain('Use write_query');
    expect(fx.client.getInstructions()).toContain(
      `Not offered: write_query, write_batch, create_table; ${reason}.`,
    );
    const demo = await fx.client.getPrompt({ name: 'mcp-demo', arguments: { topic: 'retail sales' } });
    expect(JSON.stringify(demo.messages)).toContain('The server runs in read-only mode (--read-only)');
  });
});

describe('the read-only connection itself', () => {
  it('refuses writes at the engine level, even SQL that skips the classification', async () => {
    const { dir, file, cleanup } = makeDatabase();
    onTestFinished(cleanup);
    const before = readFileSync(file);
    const pool = new DatabasePool(
      poolOptions(file, { readOnly: true, busyTimeoutMs: 100, queryTimeoutMs: 5000 }),
    );
    // `all` is the unclassified path for our own introspection SQL; RETURNING makes a write
    // return rows, so it runs all the way into the engine.
    const attempt = (sql: string) =>
      pool.read({ op: 'all', sql, params: undefined }).then(
        () => 'ran',
        (error: Error) => error.message,
      );
    try {
      expect(await attempt("INSERT INTO customers (name) VALUES ('x') RETURNING id")).toMatch(
        /attempt to write a readonly database/,
      );
      expect(await attempt('DELETE FROM orders RETURNING id')).toMatch(
        /attempt to write a readonly database/,
      );
      expect(await attempt("SELECT load_extension('./nothing')")).toMatch(/not authorized/);
      for (const sql of TRICKS) await attempt(sql);
    } finally {
      pool.close();
    }
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['db.sqlite']);
  });
});
