import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { nextPage, nextPageOf, owner, paging, repo, repoPage } from '../tool-args.js';

export default defineTool({
  name: 'list_branches',
  title: 'List branches',
  description: 'Branch names with their head commit.',
  inputSchema: z.object({ owner, repo, ...paging }),
  outputSchema: z.object({
    branches: z.array(z.object({ name: z.string(), sha: z.string(), protected: z.boolean() })),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.repos.listBranches(repoPage(input, ctx.signal));
    return {
      branches: res.data.map((b) => ({ name: b.name, sha: b.commit.sha, protected: b.protected })),
      ...nextPageOf(res.headers),
    };
  },
});
