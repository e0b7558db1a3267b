import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';

/** The smallest possible tool: no config, no I/O. */
export default defineTool({
  name: 'echo',
  title: 'Echo',
  description: 'Return the given text unchanged. Use it to check that the server is connected.',
  inputSchema: z.object({ text: z.string().describe('Any text') }),
  outputSchema: z.object({ text: z.string() }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ text }) => ({ text }),
  render: ({ text }) => text,
});
