import { describe, expect, it } from 'vitest';
import { makeFixture } from './test-helpers.js';

/**
 * What a host pays in context for our tools, per tool, measured as the bench does (the JSON of
 * the tools/list result, in bytes, over the number of tools): at most the official
 * @modelcontextprotocol/server-filesystem 2026.8.31's 927 (12,983 bytes for its 14 tools), although
 * ours offers 20 and lists output schemas too.
 */
const MAX_BYTES_PER_TOOL = 927;

describe.each(['legacy', 'modern'] as const)('tools/list size (%s era)', (era) => {
  it(`stays at or below ${MAX_BYTES_PER_TOOL} bytes a tool with every tool offered`, async () => {
    const fx = await makeFixture(era);
    try {
      const list = await fx.client.listTools();
      const perTool = Buffer.byteLength(JSON.stringify(list)) / list.tools.length;
      expect(list.tools.length).toBe(20);
      expect(perTool).toBeLessThanOrEqual(MAX_BYTES_PER_TOOL);
    } finally {
      await fx.close();
    }
  });
});
