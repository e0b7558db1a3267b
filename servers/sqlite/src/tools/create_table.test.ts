import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('create_table (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('creates a table, and reports nothing new for IF NOT EXISTS', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'create_table', {
      query: 'CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT UNIQUE NOT NULL, price REAL)',
    });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toEqual({ created: ['products'] });
    expect(out.text).toBe('Created table products.');
    const again = await callTool(fx.client, 'create_table', {
      query: 'CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY)',
    });
    expect(again.structured).toEqual({ created: [] });
    const plain = await callTool(fx.client, 'create_table', { query: 'CREATE TABLE products (x)' });
    expect(plain.text).toMatch(/table products already exists/);
  });

  it('creates a table from a query', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'create_table', {
      query: 'CREATE TABLE london AS SELECT * FROM customers WHERE city = ?',
      params: ['London'],
    });
    expect(out.structured).toEqual({ created: ['london'] });
    const rows = await callTool(fx.client, 'read_query', { query: 'SELECT name FROM london' });
    expect(rows.structured).toMatchObject({ rows: [['Ada']] });
  });

  it.each([
    'CREATE INDEX by_total ON orders(total)',
    'DROP TABLE orders',
    'DELETE FROM orders',
    'ALTER TABLE customers RENAME TO clients',
    'CREATE VIEW v AS SELECT 1',
  ])('rolls back %s', async (query) => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'create_table', { query });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/create_table only creates tables/);
    const check = await callTool(fx.client, 'read_query', {
      query:
        "SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM sqlite_schema WHERE name IN ('by_total', 'v', 'clients'))",
    });
    expect(check.structured).toMatchObject({ rows: [[30, 0]] });
  });

  it('refuses reads', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'create_table', { query: 'SELECT 1' });
    expect(out.text).toMatch(/does not change the database/);
  });
});
