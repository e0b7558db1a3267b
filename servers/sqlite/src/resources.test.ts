import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from './test-helpers.js';

describe.each(['legacy', 'modern'] as const)('resources, prompts and completions (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('lists the memo, the schema and one resource per table', async () => {
    fx = await makeFixture(era);
    const { resources } = await fx.client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual([
      'memo://insights',
      'sqlite://schema',
      'sqlite://table/big_orders',
      'sqlite://table/customers',
      'sqlite://table/orders',
    ]);
    const { resourceTemplates } = await fx.client.listResourceTemplates();
    expect(resourceTemplates).toMatchObject([{ uriTemplate: 'sqlite://table/{name}' }]);
  });

  it('reads the schema as SQL and a table with sample rows', async () => {
    fx = await makeFixture(era);
    const schema = await fx.client.readResource({ uri: 'sqlite://schema' });
    expect(schema.contents[0]).toMatchObject({ mimeType: 'application/sql' });
    const text = String((schema.contents[0] as { text: string }).text);
    expect(text.indexOf('CREATE TABLE customers')).toBeLessThan(text.indexOf('CREATE VIEW big_orders'));
    expect(text).toContain('CREATE INDEX orders_by_customer ON orders(customer_id);');
    const table = await fx.client.readResource({ uri: 'sqlite://table/customers' });
    const body = JSON.parse(String((table.contents[0] as { text: string }).text));
    expect(body).toMatchObject({
      name: 'customers',
      columns: [{ name: 'id' }, { name: 'name' }, { name: 'email' }, { name: 'city' }],
      sample: { columns: ['id', 'name', 'email', 'city'] },
    });
    expect(body.sample.rows).toHaveLength(3);
    expect(body.sample.rows[0]).toEqual([1, 'Ada', 'ada@example.com', 'London']);
    const orders = await fx.client.readResource({ uri: 'sqlite://table/orders' });
    expect(JSON.parse(String((orders.contents[0] as { text: string }).text)).sample.rows).toHaveLength(5);
  });

  it('reads tables whose names need quoting, and refuses unknown ones', async () => {
    fx = await makeFixture(era);
    await callTool(fx.client, 'create_table', { query: 'CREATE TABLE "a b""c" (x)' });
    await callTool(fx.client, 'write_query', { query: 'INSERT INTO "a b""c" VALUES (1)' });
    const odd = await fx.client.readResource({ uri: `sqlite://table/${encodeURIComponent('a b"c')}` });
    expect(JSON.parse(String((odd.contents[0] as { text: string }).text))).toMatchObject({
      name: 'a b"c',
      sample: { rows: [[1]] },
    });
    await expect(
      fx.client.readResource({ uri: `sqlite://table/${encodeURIComponent('x"; DROP TABLE orders; --')}` }),
    ).rejects.toThrow(/No table or view named/);
    const count = await callTool(fx.client, 'read_query', { query: 'SELECT count(*) FROM orders' });
    expect(count.structured).toMatchObject({ rows: [[30]] });
  });

  it('completes table names in the resource template and the explore-table prompt', async () => {
    fx = await makeFixture(era);
    const template = await fx.client.complete({
      ref: { type: 'ref/resource', uri: 'sqlite://table/{name}' },
      argument: { name: 'name', value: 'Or' },
    });
    expect(template.completion.values).toEqual(['orders']);
    const prompt = await fx.client.complete({
      ref: { type: 'ref/prompt', name: 'explore-table' },
      argument: { name: 'table_name', value: 'c' },
    });
    expect(prompt.completion.values).toEqual(['customers']);
    const topic = await fx.client.complete({
      ref: { type: 'ref/prompt', name: 'mcp-demo' },
      argument: { name: 'topic', value: 're' },
    });
    expect(topic.completion.values).toEqual(['retail sales']);
  });

  it('offers the mcp-demo prompt seeded with the topic', async () => {
    fx = await makeFixture(era);
    const { prompts } = await fx.client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['explore-table', 'mcp-demo']);
    const demo = await fx.client.getPrompt({ name: 'mcp-demo', arguments: { topic: 'bicycle rentals' } });
    const text = (demo.messages[0]!.content as { text: string }).text;
    expect(text).toContain('"bicycle rentals"');
    expect(text).toMatch(/create_table[\s\S]*append_insight/);
    const explore = await fx.client.getPrompt({ name: 'explore-table', arguments: { table_name: 'orders' } });
    expect(explore.messages[0]?.content).toMatchObject({
      type: 'resource_link',
      uri: 'sqlite://table/orders',
    });
  });
});
