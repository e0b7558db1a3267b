import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'get_repository_tree',
  title: 'Get repository tree',
  description: 'Every path at a ref (recursive), optionally under path_filter.',
  inputSchema: z.object({
    owner,
    repo,
    tree_sha: z.string().optional().describe('Branch, tag or sha; default branch if omitted'),
    recursive: z.boolean().default(true),
    path_filter: z.string().optional(),
  }),
  outputSchema: z.object({
    sha: z.string(),
    truncated: z.boolean(),
    entries: z.array(z.object({ path: z.string(), type: z.string(), size: z.number().optional() })),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'git',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const ref =
      input.tree_sha ??
      (await gh.rest.repos.get({ owner: input.owner, repo: input.repo, request: { signal: ctx.signal } }))
        .data.default_branch;
    const { data } = await gh.rest.git.getTree({
      owner: input.owner,
      repo: input.repo,
      tree_sha: ref,
      ...(input.recursive && { recursive: '1' }),
      request: { signal: ctx.signal },
    });
    const prefix = input.path_filter?.replace(/^\/+/, '');
    return {
      sha: data.sha,
      truncated: data.truncated,
      entries: data.tree
        .filter((e) => !prefix || (e.path ?? '').startsWith(prefix))
        .map((e) => ({
          path: e.path ?? '',
          type: e.type ?? 'blob',
          ...(e.size !== undefined && { size: e.size }),
        })),
    };
  },
  render: (out) => out.entries.map((e) => (e.type === 'tree' ? `${e.path}/` : e.path)).join('\n'),
});
