import { readFileSync } from 'node:fs';
import { callTool } from '@refmcp/core/testing';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from './test-helpers.js';

describe('another connection holding a lock', () => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('waits up to --busy-timeout, then says the database is locked; works once released', async () => {
    fx = await makeFixture('legacy', { busyTimeoutMs: 300 });
    const other = new Database(fx.file);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const started = Date.now();
      const out = await callTool(fx.client, 'write_query', {
        query: "INSERT INTO customers (name) VALUES ('x')",
      });
      expect(out.isError).toBe(true);
      expect(out.text).toBe(
        'Timed out: database is locked: another connection holds a lock.\nRetry shortly, or raise --busy-timeout.',
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const out = await callTool(fx.client, 'write_query', {
      query: "INSERT INTO customers (name) VALUES ('x')",
    });
    expect(out.structured, out.text).toMatchObject({ changes: 1 });
  });
});

describe.each([false, true])('a database in WAL mode (read-only: %s)', (readOnly) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('is served, and read-only mode leaves the file as it was', async () => {
    fx = await makeFixture(
      'legacy',
      { readOnly },
      `PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);`,
    );
    const before = readFileSync(fx.file);
    const out = await callTool(fx.client, 'read_query', { query: 'SELECT x FROM t' });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toMatchObject({ rows: [[1]] });
    if (!readOnly) {
      const write = await callTool(fx.client, 'write_query', { query: 'INSERT INTO t VALUES (2)' });
      expect(write.structured).toMatchObject({ changes: 1 });
      const read = await callTool(fx.client, 'read_query', { query: 'SELECT count(*) FROM t' });
      expect(read.structured).toMatchObject({ rows: [[2]] });
    } else {
      await fx.app.close();
      expect(readFileSync(fx.file).equals(before)).toBe(true);
    }
  });
});
