import { connectInProcess } from '@refmcp/core/testing';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { quietLogger, testConfig } from './test-helpers.js';

/**
 * What a host pays in context for the default toolsets, per tool, measured as the bench does
 * (the JSON of the tools/list result, in bytes, over the number of tools): at most the archived
 * official server's 610 (15,854 bytes for its 26 tools), although ours also lists output schemas.
 */
const MAX_BYTES_PER_TOOL = 610;

describe.each(['legacy', 'modern'] as const)('tools/list size (%s era)', (era) => {
  it(`stays at or below ${MAX_BYTES_PER_TOOL} bytes a tool with the default toolsets`, async () => {
    const app = createApp(testConfig('http://127.0.0.1:9', { toolsets: ['default'] }), {
      logger: quietLogger(),
    });
    const client = await connectInProcess(app, { era });
    try {
      const list = await client.listTools();
      const perTool = Buffer.byteLength(JSON.stringify(list)) / list.tools.length;
      expect(list.tools.length).toBeGreaterThan(30);
      expect(perTool).toBeLessThanOrEqual(MAX_BYTES_PER_TOOL);
    } finally {
      await client.close();
      await app.close();
    }
  });
});
