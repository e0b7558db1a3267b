import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Connected, connect } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('echo (%s)', (era) => {
  let server: Connected;
  afterEach(() => server.close());

  it('returns the text as structured output and as text', async () => {
    server = await connect(era);
    const out = await callTool(server.client, 'echo', { text: 'héllo 👋' });
    expect(out).toMatchObject({ isError: false, text: 'héllo 👋', structured: { text: 'héllo 👋' } });
  });

  it('rejects a call without text', async () => {
    server = await connect(era);
    const out = await callTool(server.client, 'echo', {});
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/text/);
  });
});
