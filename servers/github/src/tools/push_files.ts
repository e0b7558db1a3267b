import { writes } from '@refmcp/core';
import * as z from 'zod';
import { commitRef } from '../commits.js';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'push_files',
  title: 'Push files',
  description: 'Write several files to a branch in one commit.',
  inputSchema: z.object({
    owner,
    repo,
    branch: z.string().min(1),
    message: z.string().min(1),
    files: z.array(z.object({ path: z.string().min(1), content: z.string() })).min(1),
  }),
  outputSchema: commitRef.extend({ files: z.number() }),
  annotations: writes({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo };
    const ref = await gh.rest.git.getRef({ ...where, ref: `heads/${input.branch}` });
    const parent = await gh.rest.git.getCommit({ ...where, commit_sha: ref.data.object.sha });
    const tree = await gh.rest.git.createTree({
      ...where,
      base_tree: parent.data.tree.sha,
      tree: input.files.map((f) => ({
        path: f.path,
        mode: '100644' as const,
        type: 'blob' as const,
        content: f.content,
      })),
    });
    const commit = await gh.rest.git.createCommit({
      ...where,
      message: input.message,
      tree: tree.data.sha,
      parents: [parent.data.sha],
    });
    await gh.rest.git.updateRef({ ...where, ref: `heads/${input.branch}`, sha: commit.data.sha });
    return { sha: commit.data.sha, url: commit.data.html_url, files: input.files.length };
  },
});
