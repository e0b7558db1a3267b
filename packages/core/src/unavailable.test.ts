import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { createLogger } from './logger.js';
import { selectTools } from './select.js';
import { connectInProcess } from './testing/index.js';
import { defineTool, readOnly, writes } from './tool.js';

const tool = (name: string, annotations = readOnly({ openWorld: false })) =>
  defineTool({
    name,
    title: name,
    description: name,
    inputSchema: z.object({}),
    outputSchema: z.object({ ok: z.boolean() }),
    annotations,
    handler: async () => ({ ok: true }),
  });
const catalog = [tool('read_rows'), tool('write_rows', writes({ openWorld: false }))];

describe.each(['legacy', 'modern'] as const)('a tool the server knows but does not offer (%s era)', (era) => {
  it('is not listed; calling it says why, and so do the instructions', async () => {
    const app = createMcpApp({
      name: 'ro',
      version: '0',
      instructions: 'Rows.',
      tools: selectTools(catalog, {
        tools: [],
        excludeTools: [],
        gates: { write: 'the server runs with --read-only' },
      }),
      deps: () => undefined,
      logger: createLogger({ name: 'ro', level: 'silent' }),
    });
    const client = await connectInProcess(app, { era });
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['read_rows']);
      await expect(client.callTool({ name: 'write_rows', arguments: {} })).rejects.toThrow(
        'Tool write_rows is not offered: the server runs with --read-only.',
      );
      await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(
        /no_such_tool not found/,
      );
      if (era === 'legacy') {
        expect(client.getInstructions()).toBe(
          'Rows.\nNot offered: write_rows; the server runs with --read-only.',
        );
      }
    } finally {
      await client.close();
    }
  });
});
