import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('list_tables (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('lists tables and views, not SQLite internals', async () => {
    fx = await makeFixture(era);
    await callTool(fx.client, 'write_query', {
      query: 'CREATE TABLE seq (id INTEGER PRIMARY KEY AUTOINCREMENT)',
    });
    const out = await callTool(fx.client, 'list_tables');
    expect(out.structured).toEqual({
      tables: [
        { name: 'big_orders', type: 'view', columns: 4 },
        { name: 'customers', type: 'table', columns: 4 },
        { name: 'orders', type: 'table', columns: 4 },
        { name: 'seq', type: 'table', columns: 1 },
      ],
    });
    expect(out.text.split('\n')[1]).toBe('customers (table, 4 columns)');
  });

  it('says so when the database is empty', async () => {
    fx = await makeFixture(era, {}, null);
    const out = await callTool(fx.client, 'list_tables');
    expect(out.structured).toEqual({ tables: [] });
    expect(out.text).toBe('The database has no tables yet.');
  });
});
