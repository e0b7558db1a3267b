import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { release, releaseOut } from '../releases.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'get_latest_release',
  title: 'Get latest release',
  description: 'The latest published, non-prerelease release.',
  inputSchema: z.object({ owner, repo }),
  outputSchema: releaseOut,
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.repos.getLatestRelease({
      owner: input.owner,
      repo: input.repo,
      request: { signal: ctx.signal },
    });
    return release(data);
  },
});
