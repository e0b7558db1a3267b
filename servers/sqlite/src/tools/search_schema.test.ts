import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';
import { likePattern } from './search_schema.js';

describe('likePattern', () => {
  it('matches anywhere without wildcards, escapes LIKE characters, maps * and ?', () => {
    expect(likePattern('cust')).toBe('%cust%');
    expect(likePattern('order_id')).toBe('%order\\_id%');
    expect(likePattern('100%')).toBe('%100\\%%');
    expect(likePattern('*_id')).toBe('%\\_id');
    expect(likePattern('ord?rs')).toBe('ord_rs');
  });
});

describe.each(['legacy', 'modern'] as const)('search_schema (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('finds tables, views, indexes and columns at each detail level', async () => {
    fx = await makeFixture(era);
    const names = await callTool(fx.client, 'search_schema', { pattern: 'ORDER', detail: 'names' });
    expect(names.structured).toEqual({
      matches: [
        { kind: 'table', name: 'orders', table: 'orders' },
        { kind: 'view', name: 'big_orders', table: 'big_orders' },
        { kind: 'index', name: 'orders_by_customer', table: 'orders' },
      ],
      truncated: false,
    });
    const columns = await callTool(fx.client, 'search_schema', { pattern: '*_id' });
    expect(columns.structured).toEqual({
      matches: [
        { kind: 'column', name: 'customer_id', table: 'big_orders', type: 'INTEGER' },
        { kind: 'column', name: 'customer_id', table: 'orders', type: 'INTEGER' },
      ],
      truncated: false,
    });
    const full = await callTool(fx.client, 'search_schema', {
      pattern: 'customers',
      detail: 'full',
      limit: 1,
    });
    expect(full.structured).toMatchObject({
      matches: [
        {
          kind: 'table',
          name: 'customers',
          columns: 'id INTEGER, name TEXT, email TEXT, city TEXT',
          sql: expect.stringMatching(/^CREATE TABLE customers/),
        },
      ],
      truncated: false,
    });
    const none = await callTool(fx.client, 'search_schema', { pattern: 'zzz' });
    expect(none.text).toBe('No match. list_tables shows every table.');
  });

  it('reports truncation', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'search_schema', { pattern: 'i', limit: 2 });
    expect(out.structured).toMatchObject({ truncated: true });
    expect(out.text).toContain('(more matches');
  });
});
