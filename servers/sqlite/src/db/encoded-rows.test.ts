import Database from 'better-sqlite3';
import { expect, it, onTestFinished } from 'vitest';
import { rowsText, rowsTextJson } from '../results.js';
import { makeDatabase, poolOptions } from '../test-helpers.js';
import { renderTable } from './cells.js';
import { DatabasePool } from './pool.js';
import type { EncodedRows, ReadResult, RunnerRequest } from './protocol.js';

const SQL = 'SELECT * FROM mixed ORDER BY id';
type Page = Omit<Extract<RunnerRequest, { op: 'query' }>, 'id'>;
const pageOf = (offset: number): Page => ({
  op: 'query',
  mode: 'read',
  sql: SQL,
  params: [],
  offset,
  limit: 5000,
});

/** 3,000 rows of every kind of cell, about 700 KB encoded: several runs from the worker. */
function mixedDatabase(): string {
  const db = makeDatabase(null);
  onTestFinished(db.cleanup);
  const sqlite = new Database(db.file);
  sqlite.exec('CREATE TABLE mixed (id INTEGER PRIMARY KEY, big INTEGER, r REAL, b BLOB, t TEXT, n)');
  const insert = sqlite.prepare('INSERT INTO mixed VALUES (?, ?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    for (let i = 1; i <= 3000; i++) {
      const text = [`row ${i} plain`, `pipe | and\nnewline ${i}`, `é 中文 😀 ${i}`, 'x'.repeat(100 + i)][
        i % 4
      ];
      insert.run(
        i,
        2n ** 60n + BigInt(i),
        i / 7,
        i % 5 === 0 ? Buffer.from([i % 256, 1, 2]) : null,
        text,
        null,
      );
    }
  })();
  sqlite.close();
  return db.file;
}

it('an encoded read sent in runs comes back whole: every row in order, and one line per row in the view', async () => {
  const pool = new DatabasePool(poolOptions(mixedDatabase()));
  onTestFinished(() => pool.close());
  const page = pageOf(0);
  const plain = await pool.read<ReadResult>(page);
  const encoded = await pool.read<EncodedRows>({ ...page, encoded: true });
  expect(plain.rows).toHaveLength(3000);
  expect(encoded.rowCount).toBe(3000);
  expect(JSON.parse(encoded.rowsJson)).toEqual(plain.rows);
  expect(encoded.table).toBe(renderTable(plain.columns, plain.rows));
  expect(encoded.table.split('\n')).toHaveLength(1 + 3000);
  // Made run by run, the escaped table is exactly what encoding the whole would give.
  expect(`"${encoded.tableEscaped}"`).toBe(JSON.stringify(encoded.table));
  const out = { rowCount: 3000, truncated: true, nextCursor: 'abc', notice: 'a "notice"\nwith 😀' };
  expect(rowsTextJson(encoded.tableEscaped, out)).toBe(JSON.stringify(rowsText(encoded.table, out)));
  expect(encoded).toMatchObject({ columns: plain.columns, more: false, stoppedAtBytes: false });
});

it('an encoded read stopped by the byte cap after several runs keeps only the rows it counted', async () => {
  const pool = new DatabasePool(poolOptions(mixedDatabase(), { maxResultBytes: 400 * 1024 }));
  onTestFinished(() => pool.close());
  const page = pageOf(10);
  const plain = await pool.read<ReadResult>(page);
  const encoded = await pool.read<EncodedRows>({ ...page, encoded: true });
  expect(plain.stoppedAtBytes).toBe(true);
  expect(encoded).toMatchObject({ more: true, stoppedAtBytes: true, rowCount: plain.rows.length });
  expect(JSON.parse(encoded.rowsJson)).toEqual(plain.rows);
  expect(plain.rows[0]?.[0]).toBe(11);
  expect(encoded.table).toBe(renderTable(plain.columns, plain.rows));
});

it('an encoded read of many tiny rows (thousands in each run) comes back whole, lines in order', async () => {
  const db = makeDatabase(null);
  onTestFinished(db.cleanup);
  const pool = new DatabasePool(poolOptions(db.file));
  onTestFinished(() => pool.close());
  const sql =
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000) SELECT i FROM n';
  const page: Page = { op: 'query', mode: 'read', sql, params: [], offset: 0, limit: 60_000 };
  const encoded = await pool.read<EncodedRows>({ ...page, encoded: true });
  expect(encoded.rowCount).toBe(60_000);
  const lines = encoded.table.split('\n');
  expect(lines).toEqual(['i', ...Array.from({ length: 60_000 }, (_, k) => String(k + 1))]);
  expect(`"${encoded.tableEscaped}"`).toBe(JSON.stringify(encoded.table));
  expect(JSON.parse(encoded.rowsJson)).toHaveLength(60_000);
});
