import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

const count = async (fx: Fixture, table: string) => {
  const out = await callTool<{ rows: number[][] }>(fx.client, 'read_query', {
    query: `SELECT count(*) FROM ${table}`,
  });
  return out.structured!.rows[0]![0];
};

describe.each(['legacy', 'modern'] as const)('write_query (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('inserts with bound params and reports changes and rowid', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'write_query', {
      query: 'INSERT INTO customers (name, email) VALUES (:name, :email)',
      params: { name: "O'Brien", email: 'ob@example.com' },
    });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toEqual({
      changes: 1,
      lastInsertRowid: 4,
      schemaChanged: false,
      columns: [],
      rows: [],
      truncated: false,
    });
    expect(out.text).toBe('1 row changed; last insert rowid 4');
    const back = await callTool(fx.client, 'read_query', {
      query: 'SELECT name FROM customers WHERE id = 4',
    });
    expect(back.structured).toMatchObject({ rows: [["O'Brien"]] });
  });

  it('runs UPDATE, DELETE (with ON DELETE CASCADE), a write inside a CTE, and RETURNING', async () => {
    fx = await makeFixture(era);
    const update = await callTool(fx.client, 'write_query', {
      query: 'UPDATE orders SET total = total * 2 WHERE customer_id = ?',
      params: [1],
    });
    expect(update.structured).toMatchObject({ changes: 10 });
    const del = await callTool(fx.client, 'write_query', { query: 'DELETE FROM customers WHERE id = 2' });
    expect(del.structured).toMatchObject({ changes: 1 });
    expect(await count(fx, 'orders')).toBe(20);
    const cte = await callTool(fx.client, 'write_query', {
      query: "WITH x(n) AS (VALUES ('a'), ('b')) INSERT INTO customers (name) SELECT n FROM x",
    });
    expect(cte.structured).toMatchObject({ changes: 2 });
    const returning = await callTool(fx.client, 'write_query', {
      query: "INSERT INTO customers (name) VALUES ('r1'), ('r2'), ('r3') RETURNING id, name",
      max_rows: 2,
    });
    expect(returning.structured).toMatchObject({
      changes: 3,
      columns: ['id', 'name'],
      rows: [
        [6, 'r1'],
        [7, 'r2'],
      ],
      truncated: true,
    });
    expect(await count(fx, 'customers')).toBe(7);
  });

  it('keeps the RETURNING rows that fit the byte cap, with the write complete', async () => {
    fx = await makeFixture(era, { maxResultBytes: 64 * 1024, maxCellBytes: 4096 });
    const out = await callTool(fx.client, 'write_query', {
      query: `INSERT INTO customers (name)
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
        SELECT printf('%.2000c', 'n') || i FROM n RETURNING id, printf('%.5000c', 'z') AS big`,
      max_rows: 100,
    });
    expect(out.isError, out.text).toBe(false);
    const rows = out.structured?.rows as unknown[][];
    expect(out.structured).toMatchObject({ changes: 100, truncated: true });
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]![1]).toBe(`${'z'.repeat(4096)}…[cut: 4096 of 5000 bytes]`);
    expect(out.structured?.notice).toMatch(
      /^Stopped after \d+ rows at the 64 KiB result cap \(--max-result-bytes\); the write itself is complete\. \d+ cells longer than 4 KiB came back cut/,
    );
    expect(out.text).toContain(String(out.structured?.notice));
    expect(await count(fx, 'customers')).toBe(103);
  });

  it('reports schema changes', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'write_query', {
      query: 'CREATE INDEX by_city ON customers(city)',
    });
    expect(out.structured).toMatchObject({ schemaChanged: true, changes: 0 });
    expect(out.text).toContain('The schema changed.');
  });

  it.each([
    ['SELECT 1', /does not change the database/],
    ["ATTACH 'other.db' AS other", /does not change the database/],
    ['BEGIN', /does not change the database/],
    ['PRAGMA foreign_keys = OFF', /does not change the database/],
    ['BEGIN IMMEDIATE', /Transaction control is not supported/],
    ["VACUUM INTO 'copy.db'", /VACUUM INTO writes a copy/],
    ['EXPLAIN DELETE FROM orders', /Use explain_query/],
    [
      "INSERT INTO orders (customer_id, total, placed_at) VALUES (99, 1, 'x')",
      /FOREIGN KEY constraint failed/,
    ],
    ["INSERT INTO customers (name, email) VALUES ('x', 'ada@example.com')", /UNIQUE constraint failed/],
    ['DELETE FROM orders; DELETE FROM customers', /Only one SQL statement/],
  ])('refuses %s', async (query, message) => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'write_query', { query });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    // Nothing escaped the database file, and the writer is not left inside a transaction.
    expect(readdirSync(fx.dir).filter((f) => !f.startsWith('db.sqlite'))).toEqual([]);
    expect(existsSync(path.join(fx.dir, 'other.db'))).toBe(false);
    const after = await callTool(fx.client, 'write_query', {
      query: "INSERT INTO customers (name) VALUES ('ok')",
    });
    expect(after.isError, after.text).toBe(false);
    expect(await count(fx, 'orders')).toBe(30);
  });

  it.each([
    [
      'PRAGMA foreign_keys = OFF',
      "INSERT INTO orders (customer_id, total, placed_at) VALUES (99, 1, 'x')",
      /FOREIGN KEY/,
    ],
    [
      'PRAGMA ignore_check_constraints = ON',
      'INSERT INTO checked (n) VALUES (-1)',
      /CHECK constraint failed/,
    ],
  ])(
    'a refused %s has no effect: the next write still meets the constraint',
    async (pragma, write, failure) => {
      fx = await makeFixture(era);
      await callTool(fx.client, 'create_table', { query: 'CREATE TABLE checked (n INTEGER CHECK (n >= 0))' });
      const refused = await callTool(fx.client, 'write_query', { query: pragma });
      expect(refused.text).toMatch(/does not change the database/);
      // Reads and plans compile the statement too; none of it may reach the connection that writes.
      await callTool(fx.client, 'read_query', { query: pragma });
      await callTool(fx.client, 'explain_query', { query: pragma });
      const out = await callTool(fx.client, 'write_query', { query: write });
      expect(out.isError, out.text).toBe(true);
      expect(out.text).toMatch(failure);
    },
  );

  it('allows plain VACUUM and writable PRAGMAs', async () => {
    fx = await makeFixture(era);
    expect((await callTool(fx.client, 'write_query', { query: 'VACUUM' })).isError).toBe(false);
    const pragma = await callTool(fx.client, 'write_query', { query: 'PRAGMA user_version = 42' });
    expect(pragma.isError, pragma.text).toBe(false);
    const read = await callTool(fx.client, 'read_query', { query: 'PRAGMA user_version' });
    expect(read.structured).toMatchObject({ rows: [[42]] });
  });
});
