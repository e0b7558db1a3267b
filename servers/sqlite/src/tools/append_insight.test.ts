import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('append_insight (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('adds to memo://insights, shared by every connection', async () => {
    fx = await makeFixture(era);
    const empty = await fx.client.readResource({ uri: 'memo://insights' });
    expect(empty.contents[0]).toMatchObject({ text: expect.stringContaining('Nothing recorded yet') });
    const out = await callTool(fx.client, 'append_insight', { insight: 'London orders are the largest.' });
    expect(out.structured).toEqual({ count: 1 });
    await callTool(fx.client, 'append_insight', { insight: 'Grace has no city.' });
    const other = await fx.connect();
    const memo = await other.readResource({ uri: 'memo://insights' });
    expect(memo.contents[0]).toMatchObject({
      mimeType: 'text/plain',
      text: expect.stringContaining(
        '2 insights so far:\n\n- London orders are the largest.\n- Grace has no city.',
      ),
    });
  });
});
