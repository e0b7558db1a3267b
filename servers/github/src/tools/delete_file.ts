import { destructive } from '@refmcp/core';
import * as z from 'zod';
import { commitRef } from '../commits.js';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'delete_file',
  title: 'Delete file',
  description: 'Delete one file from a branch as a commit.',
  inputSchema: z.object({
    owner,
    repo,
    path: z.string().min(1),
    message: z.string().min(1),
    branch: z.string().min(1),
  }),
  outputSchema: commitRef,
  annotations: destructive({ openWorld: true }),
  toolset: 'repos',
  confirm: (input) => `Delete ${input.path} from ${input.owner}/${input.repo}@${input.branch}`,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo, path: input.path };
    const { data } = await gh.rest.repos.getContent({ ...where, ref: input.branch });
    if (Array.isArray(data) || data.type !== 'file') throw new Error(`${input.path} is not a file`);
    const res = await gh.rest.repos.deleteFile({
      ...where,
      message: input.message,
      sha: data.sha,
      branch: input.branch,
    });
    return { sha: res.data.commit.sha ?? '', url: res.data.commit.html_url ?? '' };
  },
});
