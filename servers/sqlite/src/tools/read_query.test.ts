import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

/** Every way to write that read_query must refuse, whatever the statement looks like. */
const WRITES = [
  "INSERT INTO customers (name) VALUES ('x')",
  "UPDATE customers SET name = 'x'",
  'DELETE FROM orders',
  "REPLACE INTO customers (id, name) VALUES (1, 'x')",
  'CREATE TABLE t (a)',
  'DROP TABLE orders',
  'ALTER TABLE customers ADD COLUMN age INTEGER',
  "ATTACH 'other.db' AS other",
  'DETACH main',
  'VACUUM',
  "VACUUM INTO 'copy.db'",
  'REINDEX',
  'ANALYZE',
  'PRAGMA user_version = 7',
  'PRAGMA query_only = OFF',
  'PRAGMA journal_mode = WAL',
  "WITH x AS (SELECT 'sneaky' AS n) INSERT INTO customers (name) SELECT n FROM x",
  'INSERT INTO customers (name) VALUES (1) RETURNING id',
  'BEGIN IMMEDIATE',
  'SELECT 1; DELETE FROM orders',
];

describe.each(['legacy', 'modern'] as const)('read_query (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('returns columns and rows, with CTEs', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'read_query', {
      query: 'WITH c AS (SELECT name, city FROM customers) SELECT * FROM c ORDER BY name',
    });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toEqual({
      columns: ['name', 'city'],
      rows: [
        ['Ada', 'London'],
        ['Grace', null],
        ['Linus', 'Helsinki'],
      ],
      rowCount: 3,
      truncated: false,
    });
    expect(out.text).toBe('name | city\nAda | London\nGrace | NULL\nLinus | Helsinki\n(3 rows)');
  });

  it('announces rows as arrays with the cell kinds in words, and a checking client accepts every kind', async () => {
    fx = await makeFixture(era);
    const { tools } = await fx.client.listTools();
    const listed = tools.find((t) => t.name === 'read_query')?.outputSchema?.properties ?? {};
    const rows = (listed as Record<string, unknown>).rows as { items: unknown; description: string };
    // A schema per cell would make a checking client test every cell of every row against it.
    expect(rows.items).toEqual({ type: 'array' });
    expect(rows.description).toMatch(/string, number, null, or a blob as \{\$blob/);
    // The SDK client checks the result against the listed schema and throws on a mismatch.
    const out = await callTool(fx.client, 'read_query', {
      query: "SELECT 'a' AS s, 1.5 AS n, NULL AS z, x'00ff' AS b",
    });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toMatchObject({ rows: [['a', 1.5, null, { $blob: 'AP8=', bytes: 2 }]] });
  });

  it('accepts recursive CTEs, VALUES and read-only PRAGMAs', async () => {
    fx = await makeFixture(era);
    const cte = await callTool(fx.client, 'read_query', {
      query:
        'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT sum(i) AS s FROM n',
    });
    expect(cte.structured).toMatchObject({ rows: [[15]] });
    const values = await callTool(fx.client, 'read_query', { query: 'VALUES (1, 2)' });
    expect(values.structured).toMatchObject({ rowCount: 1 });
    const pragma = await callTool(fx.client, 'read_query', { query: "PRAGMA table_info('customers')" });
    expect(pragma.isError, pragma.text).toBe(false);
    expect(pragma.structured).toMatchObject({ rowCount: 4 });
  });

  it('binds positional and named params', async () => {
    fx = await makeFixture(era);
    const positional = await callTool(fx.client, 'read_query', {
      query: 'SELECT name FROM customers WHERE city = ? OR id = ?',
      params: ['London', 3],
    });
    expect(positional.structured).toMatchObject({ rows: [['Ada'], ['Linus']] });
    for (const sql of [':c', '@c', '$c']) {
      const named = await callTool(fx.client, 'read_query', {
        query: `SELECT name FROM customers WHERE city = ${sql}`,
        params: { c: 'Helsinki' },
      });
      expect(named.structured, sql).toMatchObject({ rows: [['Linus']] });
    }
    const prefixed = await callTool(fx.client, 'read_query', {
      query: 'SELECT :flag AS f, :who AS w',
      params: { ':flag': true, '@who': "Robert'); DROP TABLE customers;--" },
    });
    expect(prefixed.structured).toMatchObject({ rows: [[1, "Robert'); DROP TABLE customers;--"]] });
    const numbered = await callTool(fx.client, 'read_query', {
      query: 'SELECT ?2 AS b, ?1 AS a, ?1 AS again',
      params: { '1': 'x', '?2': 'y' },
    });
    expect(numbered.structured).toMatchObject({ rows: [['y', 'x', 'x']] });
    const missing = await callTool(fx.client, 'read_query', { query: 'SELECT ? + ?', params: [1] });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/^Invalid input: Parameters do not match the statement/);
  });

  it('cuts exactly at max_rows and continues with the cursor', async () => {
    fx = await makeFixture(era);
    const query = 'SELECT id FROM orders WHERE total > ? ORDER BY id';
    const params = [0]; // 30 orders
    for (const [max, truncated] of [
      [29, true],
      [30, false],
      [31, false],
    ] as const) {
      const out = await callTool(fx.client, 'read_query', { query, params, max_rows: max });
      expect(out.structured, `max_rows ${max}`).toMatchObject({ rowCount: Math.min(max, 30), truncated });
      expect(out.structured?.nextCursor !== undefined).toBe(truncated);
    }
    const ids: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await callTool<{ rows: unknown[][]; nextCursor?: string }>(fx.client, 'read_query', {
        query,
        params,
        max_rows: 7,
        ...(cursor && { cursor }),
      });
      expect(page.isError, page.text).toBe(false);
      ids.push(...page.structured!.rows.map((r) => r[0]));
      cursor = page.structured!.nextCursor;
    } while (cursor);
    expect(ids).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));

    const first = await callTool<{ nextCursor: string }>(fx.client, 'read_query', {
      query,
      params,
      max_rows: 5,
    });
    const other = await callTool(fx.client, 'read_query', {
      query,
      params: [100],
      cursor: first.structured!.nextCursor,
    });
    expect(other.text).toMatch(/cursor belongs to a different query, parameters or database/);
    const forged = await callTool(fx.client, 'read_query', { query, params, cursor: 'garbage' });
    expect(forged.text).toMatch(/Invalid cursor/);
  });

  it('caps max_rows at the configured limit', async () => {
    fx = await makeFixture(era, { maxRows: 2, maxRowsCap: 4 });
    const byDefault = await callTool(fx.client, 'read_query', { query: 'SELECT id FROM orders' });
    expect(byDefault.structured).toMatchObject({ rowCount: 2, truncated: true });
    const capped = await callTool(fx.client, 'read_query', {
      query: 'SELECT id FROM orders',
      max_rows: 1000,
    });
    expect(capped.structured).toMatchObject({ rowCount: 4, truncated: true });
  });

  it.each(WRITES)('refuses %s and changes nothing', async (query) => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'read_query', { query });
    expect(out.isError, out.text).toBe(true);
    expect(out.text).toMatch(/read_query only runs reads|returns no rows|Only one SQL statement/);
    const count = await callTool(fx.client, 'read_query', {
      query: 'SELECT (SELECT count(*) FROM customers) AS c, (SELECT count(*) FROM orders) AS o',
    });
    expect(count.structured).toMatchObject({ rows: [[3, 30]] });
  });

  it('puts back connection settings a read changed, so a pooled reader cannot block writers', async () => {
    fx = await makeFixture(era, { readers: 1, busyTimeoutMs: 200 });
    for (const query of [
      'PRAGMA locking_mode = EXCLUSIVE',
      'PRAGMA busy_timeout = 0',
      'PRAGMA hard_heap_limit = 1',
    ]) {
      const out = await callTool(fx.client, 'read_query', { query });
      expect(out.isError, out.text).toBe(false);
    }
    const read = await callTool(fx.client, 'read_query', { query: 'SELECT count(*) FROM orders' });
    expect(read.structured).toMatchObject({ rows: [[30]] });
    const write = await callTool(fx.client, 'write_query', { query: 'DELETE FROM orders WHERE id = 1' });
    expect(write.isError, write.text).toBe(false);
    const mode = await callTool(fx.client, 'read_query', { query: 'PRAGMA locking_mode' });
    expect(mode.structured).toMatchObject({ rows: [['normal']] });
  });

  it('explains SQLite errors and what to do next', async () => {
    fx = await makeFixture(era);
    const table = await callTool(fx.client, 'read_query', { query: 'SELECT * FROM nope' });
    expect(table.text).toBe(
      'Not found: no such table: nope\nCall list_tables (or search_schema) to see the tables.',
    );
    const column = await callTool(fx.client, 'read_query', { query: 'SELECT nope FROM customers' });
    expect(column.text).toMatch(/no such column: nope\nCall describe_table/);
    const syntax = await callTool(fx.client, 'read_query', { query: 'SELEC 1' });
    expect(syntax.text).toMatch(/^Invalid input: SQLite: near "SELEC": syntax error/);
  });

  it('keeps big integers exact, shows blobs as base64, cuts long cells in the text only', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'read_query', {
      query: "SELECT 9007199254740993 AS big, x'00ff' AS b, 1.5 AS r, ? AS long",
      params: ['y'.repeat(500)],
    });
    expect(out.structured).toMatchObject({
      rows: [['9007199254740993', { $blob: 'AP8=', bytes: 2 }, 1.5, 'y'.repeat(500)]],
    });
    expect(out.text).toContain(`<blob 2 bytes> | 1.5 | ${'y'.repeat(79)}…`);
  });

  it('says the same for an infinite REAL in both views, and escapes newlines and pipes in text', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'read_query', {
      query: "SELECT 1e999 AS up, -1e999 AS down, 'a|b' || char(13, 10) || 'c' AS odd, NULL AS n",
    });
    expect(out.structured).toMatchObject({ rows: [['Infinity', '-Infinity', 'a|b\r\nc', null]] });
    expect(out.text).toContain('Infinity | -Infinity | a\\|b\\nc | NULL');
  });
});
