import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { labelOut, trimLabel } from '../labels.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'get_label',
  title: 'Get label',
  description: 'One label of a repository by name.',
  inputSchema: z.object({ owner, repo, name: z.string() }),
  outputSchema: labelOut,
  annotations: readOnly({ openWorld: true }),
  toolset: 'labels',
  handler: async (input, ctx) =>
    trimLabel((await ctx.deps.gh.rest.issues.getLabel({ ...input, request: { signal: ctx.signal } })).data),
});
