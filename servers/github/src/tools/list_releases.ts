import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { release, releaseOut } from '../releases.js';
import { nextPage, nextPageOf, owner, paging, repo, repoPage } from '../tool-args.js';

export default defineTool({
  name: 'list_releases',
  title: 'List releases',
  description: 'Releases, newest first (notes shortened; get_latest_release has them in full).',
  inputSchema: z.object({ owner, repo, ...paging }),
  outputSchema: z.object({ releases: z.array(releaseOut), nextPage }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.repos.listReleases(repoPage(input, ctx.signal));
    return { releases: res.data.map((r) => release(r, 300)), ...nextPageOf(res.headers) };
  },
});
