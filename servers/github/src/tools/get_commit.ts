import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { changedFile, commitOut, commitSummary } from '../commits.js';
import { defineTool } from '../deps.js';
import { stripInvisible } from '../sanitize.js';
import { nextPage, nextPageOf, owner, paging, repo } from '../tool-args.js';

export default defineTool({
  name: 'get_commit',
  title: 'Get commit',
  description: 'One commit and its changed files; patches with detail full_patch.',
  inputSchema: z.object({
    owner,
    repo,
    sha: z.string().min(1),
    detail: z.enum(['none', 'stats', 'full_patch']).optional(),
    include_diff: z.boolean().optional(),
    ...paging,
  }),
  outputSchema: commitOut.extend({
    parents: z.array(z.string()),
    files: z.array(changedFile).optional(),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const detail = input.detail ?? (input.include_diff ? 'full_patch' : 'stats');
    const res = await ctx.deps.gh.rest.repos.getCommit({
      owner: input.owner,
      repo: input.repo,
      ref: input.sha,
      // The files are paged; page and perPage choose which of them come back.
      ...(input.page !== undefined && { page: input.page }),
      ...(input.perPage !== undefined && { per_page: input.perPage }),
      request: { signal: ctx.signal },
    });
    const { data } = res;
    const summary = { ...commitSummary(data), parents: data.parents.map((p) => p.sha) };
    if (detail === 'none') return summary;
    return {
      ...summary,
      files: (data.files ?? []).map((f) => ({
        path: f.filename,
        status: f.status,
        additions: f.additions,
        deletions: f.deletions,
        ...(detail === 'full_patch' && f.patch !== undefined && { patch: stripInvisible(f.patch) }),
      })),
      ...nextPageOf(res.headers),
    };
  },
});
