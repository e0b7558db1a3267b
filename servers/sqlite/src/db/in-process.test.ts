import { CancelledError } from '@refmcp/core';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { makeDatabase, poolOptions } from '../test-helpers.js';
import { DatabasePool } from './pool.js';
import type { Params, ReadResult } from './protocol.js';

const LOOKUP = 'SELECT * FROM customers WHERE id = ?';
/** Runs `attempt` until it returns true; fails naming `what` after `timeoutMs`. */
async function until(attempt: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await attempt())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const ENDLESS = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c';

function openPool(file: string, attach: Array<{ name: string; file: string }> = []) {
  // One reader: a read that waits for a worker waits behind whatever that worker runs.
  const pool = new DatabasePool(poolOptions(file, { attach }));
  onTestFinished(() => pool.close());
  const read = (sql: string, params: Params = [], signal?: AbortSignal) =>
    pool.read<ReadResult>({ op: 'query', mode: 'read', sql, params, offset: 0, limit: 100 }, signal);
  /** Reads until one is answered in process (the first ones start the worker and measure). */
  const warm = async (sql = LOOKUP, params: Params = [1]) => {
    const before = pool.inProcessStats()?.served ?? 0;
    await until(async () => {
      await read(sql, params);
      return (pool.inProcessStats()?.served ?? 0) > before;
    }, 'a read answered in process');
  };
  return { pool, read, warm };
}

describe('reads answered in the server process', () => {
  it('a point lookup is answered while the only worker runs an endless query, and answers as the worker does', async () => {
    const db = makeDatabase();
    onTestFinished(db.cleanup);
    const other = new Database(db.file);
    other.exec(`CREATE TABLE kinds (id INTEGER PRIMARY KEY, big INTEGER, r REAL, b BLOB, t TEXT, n)`);
    other
      .prepare('INSERT INTO kinds VALUES (1, ?, 2.5, ?, ?, NULL)')
      .run(2n ** 62n, Buffer.from([0, 1, 2, 255]), `${'é'.repeat(40_000)}|line\nbreak`);
    other.close();
    const { pool, read, warm } = openPool(db.file);
    const fromWorker = await read('SELECT * FROM kinds WHERE id = ?', [1]);
    await warm('SELECT * FROM kinds WHERE id = ?', [1]);
    expect(await read('SELECT * FROM kinds WHERE id = ?', [1])).toEqual(fromWorker);
    // The text cell was cut to the cell cap in both: the same helpers made both answers.
    expect(fromWorker.cellsCut).toBe(1);
    // Each statement is classified by a worker once; from then on this one needs no worker.
    await warm(LOOKUP, [1]);

    const controller = new AbortController();
    const endless = read(ENDLESS, [], controller.signal);
    let endlessSettled = false;
    endless.catch(() => {}).finally(() => (endlessSettled = true));
    const served = pool.inProcessStats()!.served;
    const lookup = await read(LOOKUP, [2]);
    expect(lookup.rows).toEqual([[2, 'Grace', 'grace@example.com', null]]);
    expect(pool.inProcessStats()!.served).toBe(served + 1);
    expect(endlessSettled).toBe(false);
    // Anything not bounded still queues for the worker, and the worker still stops on cancel.
    const scan = read('SELECT count(*) FROM orders');
    controller.abort();
    await expect(endless).rejects.toBeInstanceOf(CancelledError);
    expect((await scan).rows).toEqual([[30]]);
    expect(pool.inProcessStats()!.served).toBe(served + 1);
  });

  it('after another connection commits, reads go to the workers until the data is measured again; a record too large for the budget keeps them there', async () => {
    const db = makeDatabase();
    onTestFinished(db.cleanup);
    const { pool, read, warm } = openPool(db.file);
    await warm();
    const small = pool.inProcessStats()!.largestRecordBytes!;
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThan(1024);

    const other = new Database(db.file);
    other.prepare('INSERT INTO customers (id, name) VALUES (99, ?)').run('x'.repeat(9 * 1024 * 1024));
    other.close();
    const served = pool.inProcessStats()!.served;
    // The commit is seen at once: this read is not answered from a measurement now stale.
    expect((await read(LOOKUP, [1])).rows[0]?.[1]).toBe('Ada');
    expect(pool.inProcessStats()!.served).toBe(served);
    // Measured again (at most every 5 s), the 9 MiB record puts one read over the 8 MiB budget.
    await until(
      async () => {
        await read(LOOKUP, [1]);
        return pool.inProcessStats()!.largestRecordBytes! > 9 * 1024 * 1024;
      },
      'a new measurement',
      20_000,
    );
    const big = await read(LOOKUP, [99]);
    expect(big.cellsCut).toBe(1);
    expect(pool.inProcessStats()!.served).toBe(served);
  });

  it('bound parameters count: a large one sends the same lookup to the workers', async () => {
    const db = makeDatabase();
    onTestFinished(db.cleanup);
    const { pool, read, warm } = openPool(db.file);
    const echo = 'SELECT :v AS a, :v AS b, name FROM customers WHERE id = :id';
    await warm(echo, { v: 'small', id: 1 });
    const served = pool.inProcessStats()!.served;
    const big = 'x'.repeat(1024 * 1024);
    const answer = await read(echo, { v: big, id: 1 });
    expect(answer.rows[0]?.[2]).toBe('Ada');
    expect(answer.cellsCut).toBe(2);
    expect(pool.inProcessStats()!.served).toBe(served);
    await read(echo, { v: 'small again', id: 1 });
    expect(pool.inProcessStats()!.served).toBe(served + 1);
  });

  it('a statement the workers find unbounded is never compiled here: views that double at each level', async () => {
    const db = makeDatabase();
    onTestFinished(db.cleanup);
    const other = new Database(db.file);
    other.exec('CREATE TABLE one (a INTEGER); INSERT INTO one VALUES (1);');
    other.exec('CREATE VIEW v0 AS SELECT a AS x FROM one WHERE rowid = 1');
    for (let i = 1; i <= 12; i++) other.exec(`CREATE VIEW v${i} AS SELECT x + x AS x FROM v${i - 1}`);
    other.close();
    const { pool, read, warm } = openPool(db.file);
    await warm();
    expect(pool.inProcessStats()!.compiled).toBe(1);
    for (let i = 0; i < 3; i++) expect((await read('SELECT * FROM v12')).rows).toEqual([[4096]]);
    expect(pool.inProcessStats()!.compiled).toBe(1);
  });

  it('a database with others attached keeps every read in its workers', async () => {
    const db = makeDatabase();
    const extra = makeDatabase();
    onTestFinished(() => {
      db.cleanup();
      extra.cleanup();
    });
    const { pool, read } = openPool(db.file, [{ name: 'extra', file: extra.file }]);
    for (let i = 0; i < 3; i++) expect((await read(LOOKUP, [1])).rows).toHaveLength(1);
    expect(pool.inProcessStats()).toBeUndefined();
  });
});
