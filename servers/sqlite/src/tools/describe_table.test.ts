import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('describe_table (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('cuts a CREATE statement longer than the cell cap, like any other cell', async () => {
    fx = await makeFixture(era, { maxCellBytes: 4096 });
    const sql = `CREATE TABLE wordy (note TEXT DEFAULT '${'w'.repeat(5000)}')`;
    await callTool(fx.client, 'create_table', { query: sql });
    const out = await callTool(fx.client, 'describe_table', { table_name: 'wordy' });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured?.sql).toBe(`${sql.slice(0, 4096)}…[cut: 4096 of ${sql.length} bytes]`);
  });

  it('gives columns, keys, indexes and foreign keys', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'describe_table', { table_name: 'orders' });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toMatchObject({
      name: 'orders',
      type: 'table',
      columns: [
        { name: 'id', type: 'INTEGER', notNull: false, default: null, primaryKey: 1 },
        { name: 'customer_id', type: 'INTEGER', notNull: true, primaryKey: 0 },
        { name: 'total', type: 'REAL', notNull: true },
        { name: 'placed_at', type: 'TEXT', notNull: true },
      ],
      indexes: [{ name: 'orders_by_customer', unique: false, origin: 'c', columns: ['customer_id'] }],
      foreignKeys: [{ from: ['customer_id'], table: 'customers', to: ['id'], onDelete: 'CASCADE' }],
    });
    expect(out.text).toContain('foreign key (customer_id) → customers(id) on delete CASCADE');
    const customers = await callTool(fx.client, 'describe_table', { table_name: 'CUSTOMERS' });
    expect(customers.structured).toMatchObject({
      name: 'customers',
      columns: expect.arrayContaining([expect.objectContaining({ name: 'city', default: "'Paris'" })]),
      indexes: [{ unique: true, origin: 'u', columns: ['email'] }],
    });
    const view = await callTool(fx.client, 'describe_table', { table_name: 'big_orders' });
    expect(view.structured).toMatchObject({ type: 'view', columns: expect.any(Array) });
  });

  it.each([
    'orders); DROP TABLE orders; --',
    "orders'); DROP TABLE orders; --",
    'orders" ; DROP TABLE orders; --',
    'x\0orders',
  ])('treats %j as a name, not SQL', async (table_name) => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'describe_table', { table_name });
    expect(out.isError).toBe(true);
    expect(out.text).toBe(
      `Not found: No table or view named ${JSON.stringify(table_name)}.\n` +
        'Call list_tables to see the tables, or search_schema to find one by part of its name.',
    );
    const still = await callTool(fx.client, 'read_query', { query: 'SELECT count(*) FROM orders' });
    expect(still.structured).toMatchObject({ rows: [[30]] });
  });

  it('describes a table whose name needs quoting', async () => {
    fx = await makeFixture(era);
    await callTool(fx.client, 'create_table', { query: 'CREATE TABLE "odd ""name"" ; --" (a TEXT)' });
    const out = await callTool(fx.client, 'describe_table', { table_name: 'odd "name" ; --' });
    expect(out.structured).toMatchObject({ name: 'odd "name" ; --', columns: [{ name: 'a' }] });
  });
});
