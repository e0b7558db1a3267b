import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { fieldSelection } from '../fields.js';
import { release, releaseOut } from '../releases.js';
import { nextPage, nextPageOf, owner, paging, repo, repoPage } from '../tool-args.js';

const fields = fieldSelection({
  base: releaseOut,
  keep: ['tag'],
  fields: {
    author: (r: { author: { login: string } | null; id: number }) => ({ author: r.author?.login ?? null }),
    body: ['body'],
    draft: ['draft'],
    html_url: ['url'],
    id: (r) => ({ id: r.id }),
    name: ['name'],
    prerelease: ['prerelease'],
    published_at: ['published'],
    tag_name: ['tag'],
  },
  extra: { author: z.string().nullable(), id: z.number() },
});

export default defineTool({
  name: 'list_releases',
  title: 'List releases',
  description: 'Releases, newest first; notes cut (get_release_by_tag has them whole).',
  inputSchema: z.object({ owner, repo, fields: fields.arg, ...paging }),
  outputSchema: z.object({ releases: z.array(fields.item), nextPage }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.repos.listReleases(repoPage(input, ctx.signal));
    return {
      releases: res.data.map((r) => fields.pick(input.fields, release(r, 300), r)),
      ...nextPageOf(res.headers),
    };
  },
});
