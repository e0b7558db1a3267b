import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';

export default defineTool({
  name: 'list_allowed_directories',
  title: 'List allowed directories',
  description: 'List the directories this server may access. Every path must be inside one of them.',
  inputSchema: z.object({}),
  outputSchema: z.object({ directories: z.array(z.string()) }),
  annotations: readOnly({ openWorld: false }),
  handler: async (_input, ctx: FsContext) => {
    await ctx.deps.sandbox.ready();
    return { directories: [...ctx.deps.sandbox.directories] };
  },
  render: ({ directories }) =>
    directories.length > 0
      ? `Allowed directories:\n${directories.join('\n')}`
      : 'No directories are accessible.',
});
