import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { connectInProcess } from './testing/index.js';
import { defineTool } from './tool.js';

const echo = defineTool({
  name: 'echo',
  title: 'Echo',
  description: 'Echo the text back.',
  inputSchema: z.object({ text: z.string() }),
  outputSchema: z.object({ text: z.string() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ text }) => ({ text }),
});

// Clients (and the official conformance suite's prompts-list and caching scenarios) call
// prompts/list without looking at the capabilities first; a server with no prompts answers
// with an empty list instead of "method not found".
describe.each(['legacy', 'modern'] as const)('a server without prompts (%s era)', (era) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('declares the prompts capability and lists no prompts', async () => {
    const app = createMcpApp({ name: 'bare', version: '0.0.0', tools: [echo], deps: () => ({}) });
    const client = await connectInProcess(app, { era });
    close = () => client.close();
    expect(client.getServerCapabilities()?.prompts).toBeDefined();
    const { prompts } = await client.listPrompts();
    expect(prompts).toEqual([]);
  });
});
