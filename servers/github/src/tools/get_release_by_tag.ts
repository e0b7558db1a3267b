import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { release, releaseOut } from '../releases.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'get_release_by_tag',
  title: 'Get release by tag',
  description: 'The published release of a tag, e.g. "v1.2.0".',
  inputSchema: z.object({ owner, repo, tag: z.string().min(1) }),
  outputSchema: releaseOut,
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.repos.getReleaseByTag({
      owner: input.owner,
      repo: input.repo,
      tag: input.tag,
      request: { signal: ctx.signal },
    });
    return release(data);
  },
});
