import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('write_batch (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  const count = async (sql: string) => {
    const out = await callTool<{ rows: number[][] }>(fx.client, 'read_query', { query: sql });
    return out.structured?.rows[0]?.[0];
  };

  it('keeps every statement, in order, including ones on a table an earlier one created', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'write_batch', {
      statements: [
        { query: 'CREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT NOT NULL)' },
        { query: 'INSERT INTO audit (note) VALUES (?), (?)', params: ['a', 'b'] },
        { query: 'UPDATE orders SET total = total + 1 WHERE customer_id = :c', params: { c: 1 } },
        { query: "INSERT INTO audit (note) VALUES ('c') RETURNING id" },
      ],
    });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toEqual({
      changes: 2 + 10 + 1,
      results: [
        { changes: 0, lastInsertRowid: 0 },
        { changes: 2, lastInsertRowid: 2 },
        { changes: 10, lastInsertRowid: 2 },
        { changes: 1, lastInsertRowid: null },
      ],
      schemaChanged: true,
    });
    expect(out.text).toBe('4 statements committed; 13 rows changed; the schema changed.');
    expect(await count('SELECT count(*) FROM audit')).toBe(3);
  });

  it('rolls back all of them on the first failure and names it', async () => {
    fx = await makeFixture(era);
    const totals = await count('SELECT sum(total) FROM orders');
    const out = await callTool(fx.client, 'write_batch', {
      statements: [
        { query: 'CREATE TABLE audit (note TEXT NOT NULL)' },
        { query: "INSERT INTO audit VALUES ('kept?')" },
        { query: 'UPDATE orders SET total = 0' },
        { query: 'INSERT INTO audit VALUES (NULL)' },
        { query: 'DELETE FROM customers' },
      ],
    });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(
      /^Invalid input: Statement 4 \(index 3\) failed, so the whole batch was rolled back and nothing of it was kept: NOT NULL constraint failed: audit\.note/,
    );
    expect(await count('SELECT sum(total) FROM orders')).toBe(totals);
    expect(await count("SELECT count(*) FROM sqlite_schema WHERE name = 'audit'")).toBe(0);
    expect(await count('SELECT count(*) FROM customers')).toBe(3);
  });

  it.each([
    [[{ query: 'SELECT 1' }], /index 0\).*does not change the database/],
    [[{ query: "INSERT INTO customers (name) VALUES ('x')" }, { query: 'COMMIT' }], /index 1\)/],
    [[{ query: 'BEGIN' }, { query: 'DELETE FROM orders' }], /index 0\)/],
    [[{ query: "VACUUM INTO 'copy.db'" }], /index 0\).*VACUUM INTO/],
    [[{ query: 'DELETE FROM orders; DELETE FROM customers' }], /index 0\).*Only one SQL statement/],
    [[{ query: 'PRAGMA foreign_keys = OFF' }, { query: 'DELETE FROM customers WHERE id = 1' }], /index 0\)/],
  ])('refuses %j and keeps nothing', async (statements, message) => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'write_batch', { statements });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(await count('SELECT count(*) FROM customers')).toBe(3);
    expect(await count('SELECT count(*) FROM orders')).toBe(30);
    // The writer that compiled the PRAGMA was replaced: foreign keys still cascade.
    await callTool(fx.client, 'write_query', { query: 'DELETE FROM customers WHERE id = 1' });
    expect(await count('SELECT count(*) FROM orders WHERE customer_id = 1')).toBe(0);
  });
});
