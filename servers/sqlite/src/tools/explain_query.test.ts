import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';
import { planTree } from './explain_query.js';

describe('planTree', () => {
  it('draws the plan like the sqlite3 shell', () => {
    const tree = planTree([
      { id: 2, parent: 0, detail: 'SCAN o' },
      { id: 5, parent: 0, detail: 'CORRELATED SCALAR SUBQUERY 1' },
      { id: 8, parent: 5, detail: 'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)' },
    ]);
    expect(tree).toBe(
      'QUERY PLAN\n|--SCAN o\n`--CORRELATED SCALAR SUBQUERY 1\n   `--SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
    );
  });
});

describe.each(['legacy', 'modern'] as const)('explain_query (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('shows index use and full scans without running the statement', async () => {
    fx = await makeFixture(era);
    const indexed = await callTool(fx.client, 'explain_query', {
      query: 'SELECT * FROM orders WHERE customer_id = ?',
      params: [1],
    });
    expect(indexed.isError, indexed.text).toBe(false);
    expect(indexed.structured).toMatchObject({ fullScans: [] });
    expect(indexed.text).toMatch(
      /^QUERY PLAN\n`--SEARCH orders USING INDEX orders_by_customer \(customer_id=\?\)$/,
    );
    const scan = await callTool(fx.client, 'explain_query', {
      query: 'SELECT * FROM orders WHERE total > 5',
    });
    expect(scan.structured).toMatchObject({ fullScans: ['orders'] });
    const del = await callTool(fx.client, 'explain_query', { query: 'DELETE FROM orders WHERE id = 3' });
    expect(del.isError, del.text).toBe(false);
    const count = await callTool(fx.client, 'read_query', { query: 'SELECT count(*) FROM orders' });
    expect(count.structured).toMatchObject({ rows: [[30]] });
  });

  it('refuses several statements', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'explain_query', { query: 'SELECT 1; SELECT 2' });
    expect(out.text).toMatch(/Only one SQL statement/);
  });
});
