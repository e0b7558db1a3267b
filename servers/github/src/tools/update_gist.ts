import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { gistFiles, gistRef, singleFile, toGistFiles } from '../gists.js';

export default defineTool({
  name: 'update_gist',
  title: 'Update gist',
  description: "Change a gist's description or set files' contents.",
  inputSchema: z.object({
    gist_id: z.string(),
    description: z.string().optional(),
    files: gistFiles.optional(),
    ...singleFile,
  }),
  outputSchema: gistRef,
  annotations: writes({ openWorld: true }),
  toolset: 'gists',
  handler: async (input, ctx) => {
    const files = toGistFiles(input);
    const { data } = await ctx.deps.gh.rest.gists.update({
      gist_id: input.gist_id,
      ...(input.description !== undefined && { description: input.description }),
      ...(files && { files }),
    });
    return { id: data.id ?? input.gist_id, url: data.html_url ?? '' };
  },
});
