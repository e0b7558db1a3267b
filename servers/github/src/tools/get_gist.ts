import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { gistRef } from '../gists.js';
import { stripInvisible, text } from '../sanitize.js';

export default defineTool({
  name: 'get_gist',
  title: 'Get gist',
  description: "One gist with its files' contents.",
  inputSchema: z.object({ gist_id: z.string() }),
  outputSchema: gistRef.extend({
    description: z.string().nullable(),
    owner: z.string().nullable(),
    files: z.array(z.object({ name: z.string(), content: z.string() })),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'gists',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.gists.get({
      gist_id: input.gist_id,
      request: { signal: ctx.signal },
    });
    return {
      id: data.id ?? input.gist_id,
      url: data.html_url ?? '',
      description: text(data.description),
      owner: data.owner?.login ?? null,
      files: Object.entries(data.files ?? {}).map(([name, f]) => ({
        name,
        content: stripInvisible(f?.content ?? ''),
      })),
    };
  },
});
