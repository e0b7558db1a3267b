import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { createLogger } from './logger.js';
import { callTool, connectInProcess } from './testing/index.js';
import { defineTool, readOnly } from './tool.js';

const blob = defineTool({
  name: 'blob',
  title: 'Blob',
  description: 'Returns mib MiB of text.',
  inputSchema: z.object({ mib: z.number() }),
  outputSchema: z.object({ text: z.string() }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ mib }) => ({ text: 'x'.repeat(mib * 1024 * 1024) }),
  render: ({ text }) => `${text.length} characters`,
});

describe.each(['legacy', 'modern'] as const)('a result too large for one reply (%s era)', (era) => {
  it('is refused with the size and what to do, and the next call works', async () => {
    const app = createMcpApp({
      name: 'big',
      version: '0',
      tools: [blob],
      deps: () => undefined,
      logger: createLogger({ name: 'big', level: 'silent' }),
    });
    const client = await connectInProcess(app, { era });
    try {
      const big = await callTool(client, 'blob', { mib: 10 });
      expect(big.isError).toBe(true);
      expect(big.text).toBe(
        'Invalid input: The result is 10.0 MiB, more than the 9.0 MiB one reply may carry.\n' +
          'Ask for less in one call: a smaller range, fewer items, or a narrower query.',
      );
      expect(await callTool(client, 'blob', { mib: 1 })).toMatchObject({
        isError: false,
        text: '1048576 characters',
      });
    } finally {
      await client.close();
    }
  });
});
