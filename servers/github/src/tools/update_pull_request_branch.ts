import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { pullNumber } from '../pulls.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'update_pull_request_branch',
  title: 'Update pull request branch',
  description: "Merge the base branch into the pull request's head branch.",
  inputSchema: z.object({ owner, repo, pullNumber, expectedHeadSha: z.string().optional() }),
  outputSchema: z.object({ message: z.string() }),
  annotations: writes({ openWorld: true }),
  toolset: 'pull_requests',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.pulls.updateBranch({
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pullNumber,
      ...(input.expectedHeadSha && { expected_head_sha: input.expectedHeadSha }),
    });
    return { message: data.message ?? 'Updating.' };
  },
});
