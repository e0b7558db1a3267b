import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from './test-helpers.js';

/** Counting to a billion takes SQLite minutes, inside one native call. */
const SLOW =
  'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1e9) SELECT count(*) FROM n';

describe.each(['legacy', 'modern'] as const)('slow statements (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('times out with a clear error while other requests are answered, and the server keeps working', async () => {
    // 5 s: the quick query below must finish inside it even on a loaded machine.
    fx = await makeFixture(era, { queryTimeoutMs: 5000 });
    // Two reads at once start both readers, so the quick query does not wait for a process to start.
    await Promise.all([callTool(fx.client, 'list_tables'), callTool(fx.client, 'list_tables')]);
    const started = Date.now();
    let slowSettled = false;
    const slow = callTool(fx.client, 'read_query', { query: SLOW }).finally(() => {
      slowSettled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const quick = await callTool(fx.client, 'read_query', { query: 'SELECT count(*) FROM customers' });
    expect(quick.structured).toMatchObject({ rows: [[3]] });
    // Answered while the slow statement still ran, not queued behind it.
    expect(slowSettled).toBe(false);
    const out = await slow;
    const slowAt = Date.now() - started;
    expect(out.isError).toBe(true);
    expect(out.text).toBe(
      'Timed out: The statement ran longer than 5000 ms and was stopped.\n' +
        'Narrow it (WHERE, LIMIT, an index: see explain_query), or raise --query-timeout.',
    );
    expect(slowAt).toBeGreaterThanOrEqual(5000);
    for (let i = 0; i < 3; i++) {
      const after = await callTool(fx.client, 'read_query', { query: 'SELECT 1 AS one' });
      expect(after.structured).toMatchObject({ rows: [[1]] });
    }
  });

  it('stops a slow write on timeout and rolls it back', async () => {
    fx = await makeFixture(era, { queryTimeoutMs: 1000 });
    const out = await callTool(fx.client, 'write_query', {
      query: `INSERT INTO orders (customer_id, total, placed_at)
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1e9) SELECT 1, i, 'x' FROM n`,
    });
    expect(out.text).toMatch(/^Timed out: The statement ran longer than 1000 ms/);
    const write = await callTool(fx.client, 'write_query', {
      query: "UPDATE customers SET city = 'Oslo' WHERE id = 2",
    });
    expect(write.structured).toMatchObject({ changes: 1 });
    const count = await callTool(fx.client, 'read_query', { query: 'SELECT count(*) FROM orders' });
    expect(count.structured).toMatchObject({ rows: [[30]] });
  });
});

describe('cancellation', () => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('stops the statement when the client cancels', async () => {
    // One reader and a long timeout: if the cancelled query kept running, the next read would wait.
    fx = await makeFixture('legacy', { readers: 1, queryTimeoutMs: 60_000 });
    await callTool(fx.client, 'list_tables');
    const controller = new AbortController();
    const slow = callTool(fx.client, 'read_query', { query: SLOW }, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    await expect(slow).rejects.toThrow();
    // The one reader is free again: a statement left running would hold it for the 60 s query
    // timeout, past the test's own 30 s timeout.
    const next = await callTool(fx.client, 'read_query', { query: 'SELECT 2 AS two' });
    expect(next.structured).toMatchObject({ rows: [[2]] });
  });
});
