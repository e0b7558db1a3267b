import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { nextPage, nextPageOf, owner, paging, repo, repoPage } from '../tool-args.js';

export default defineTool({
  name: 'list_tags',
  title: 'List tags',
  description: 'Git tags with the commit each points to.',
  inputSchema: z.object({ owner, repo, ...paging }),
  outputSchema: z.object({ tags: z.array(z.object({ name: z.string(), sha: z.string() })), nextPage }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.repos.listTags(repoPage(input, ctx.signal));
    return { tags: res.data.map((t) => ({ name: t.name, sha: t.commit.sha })), ...nextPageOf(res.headers) };
  },
});
