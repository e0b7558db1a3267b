import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { changedFile, commitOut, commitSummary } from '../commits.js';
import { defineTool } from '../deps.js';
import { stripInvisible } from '../sanitize.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'get_commit',
  title: 'Get commit',
  description: 'One commit and its changed files; patches only with include_diff.',
  inputSchema: z.object({ owner, repo, sha: z.string().min(1), include_diff: z.boolean().default(false) }),
  outputSchema: commitOut.extend({
    parents: z.array(z.string()),
    files: z.array(changedFile),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.repos.getCommit({
      owner: input.owner,
      repo: input.repo,
      ref: input.sha,
      request: { signal: ctx.signal },
    });
    return {
      ...commitSummary(data),
      parents: data.parents.map((p) => p.sha),
      files: (data.files ?? []).map((f) => ({
        path: f.filename,
        status: f.status,
        additions: f.additions,
        deletions: f.deletions,
        ...(input.include_diff && f.patch !== undefined && { patch: stripInvisible(f.patch) }),
      })),
    };
  },
});
