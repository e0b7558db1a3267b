import { destructive } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { pullNumber } from '../pulls.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'merge_pull_request',
  title: 'Merge pull request',
  description: 'Merge a pull request (merge, squash or rebase).',
  inputSchema: z.object({
    owner,
    repo,
    pullNumber,
    merge_method: z.enum(['merge', 'squash', 'rebase']).default('merge'),
    commit_title: z.string().optional(),
    commit_message: z.string().optional(),
  }),
  outputSchema: z.object({ merged: z.boolean(), sha: z.string(), message: z.string() }),
  annotations: destructive({ openWorld: true }),
  toolset: 'pull_requests',
  confirm: (input) =>
    `Merge pull request #${input.pullNumber} in ${input.owner}/${input.repo} (${input.merge_method})`,
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.pulls.merge({
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pullNumber,
      merge_method: input.merge_method,
      ...(input.commit_title && { commit_title: input.commit_title }),
      ...(input.commit_message && { commit_message: input.commit_message }),
    });
    return { merged: data.merged, sha: data.sha, message: data.message };
  },
});
