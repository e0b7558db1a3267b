import { writes } from '@refmcp/core';
import * as z from 'zod';
import { commitRef } from '../commits.js';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'create_or_update_file',
  title: 'Create or update file',
  description: 'Write one file as a commit. Updating needs the current blob sha (from get_file_contents).',
  inputSchema: z.object({
    owner,
    repo,
    path: z.string().min(1),
    content: z.string(),
    message: z.string().min(1),
    branch: z.string().min(1),
    sha: z.string().optional(),
  }),
  outputSchema: z.object({ path: z.string(), sha: z.string().describe('New blob sha'), commit: commitRef }),
  annotations: writes({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.repos.createOrUpdateFileContents({
      owner: input.owner,
      repo: input.repo,
      path: input.path,
      message: input.message,
      content: Buffer.from(input.content, 'utf8').toString('base64'),
      branch: input.branch,
      ...(input.sha && { sha: input.sha }),
    });
    return {
      path: input.path,
      sha: data.content?.sha ?? '',
      commit: { sha: data.commit.sha ?? '', url: data.commit.html_url ?? '' },
    };
  },
});
