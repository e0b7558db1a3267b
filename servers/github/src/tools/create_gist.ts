import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { gistFiles, gistRef, singleFile, toGistFiles } from '../gists.js';

export default defineTool({
  name: 'create_gist',
  title: 'Create gist',
  description: 'Create a gist (secret unless public is true).',
  inputSchema: z.object({
    description: z.string().optional(),
    public: z.boolean().default(false),
    files: gistFiles.optional(),
    ...singleFile,
  }),
  outputSchema: gistRef,
  annotations: writes({ openWorld: true }),
  toolset: 'gists',
  handler: async (input, ctx) => {
    const files = toGistFiles(input);
    if (!files) throw new InvalidInputError('Pass files, or filename and content.');
    const { data } = await ctx.deps.gh.rest.gists.create({
      public: input.public,
      ...(input.description && { description: input.description }),
      files,
    });
    return { id: data.id ?? '', url: data.html_url ?? '' };
  },
});
