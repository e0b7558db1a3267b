import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'create_branch',
  title: 'Create branch',
  description: 'Create a branch from another branch (default: the default branch).',
  inputSchema: z.object({ owner, repo, branch: z.string().min(1), from_branch: z.string().optional() }),
  outputSchema: z.object({ branch: z.string(), sha: z.string() }),
  annotations: writes({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const from =
      input.from_branch ??
      (await gh.rest.repos.get({ owner: input.owner, repo: input.repo })).data.default_branch;
    const base = await gh.rest.git.getRef({ owner: input.owner, repo: input.repo, ref: `heads/${from}` });
    await gh.rest.git.createRef({
      owner: input.owner,
      repo: input.repo,
      ref: `refs/heads/${input.branch}`,
      sha: base.data.object.sha,
    });
    return { branch: input.branch, sha: base.data.object.sha };
  },
});
