import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { gistFiles, gistRef, toGistFiles } from '../gists.js';

export default defineTool({
  name: 'create_gist',
  title: 'Create gist',
  description: 'Create a gist (secret unless public is true).',
  inputSchema: z.object({
    description: z.string().optional(),
    public: z.boolean().default(false),
    files: gistFiles,
  }),
  outputSchema: gistRef,
  annotations: writes({ openWorld: true }),
  toolset: 'gists',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.gists.create({
      public: input.public,
      ...(input.description && { description: input.description }),
      files: toGistFiles(input.files),
    });
    return { id: data.id ?? '', url: data.html_url ?? '' };
  },
});
