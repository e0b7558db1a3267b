import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('read_query (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('returns columns and rows, with CTEs', async () => {
    fx = await makeFixture(era);
    const out = await callTool(fx.client, 'read_query', {
      query: 'WITH c AS (SELECT name, city FROM customers) SELECT * FROM c ORDER BY name',
    });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toEqual({
      columns: ['name', 'city'],
      rows: [
        ['Ada', 'London'],
        ['Grace', null],
        ['Linus', 'Helsinki'],
      ],
      rowCount: 3,
      truncated: false,
    });
    expect(out.text).toBe('name | city\nAda | London\nGrace | NULL\nLinus | Helsinki\n(3 rows)');
  });
});
