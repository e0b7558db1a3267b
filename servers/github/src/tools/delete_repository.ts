import { destructive, PermissionDeniedError } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type GitHubContext } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'delete_repository',
  title: 'Delete repository',
  description: 'Delete a repository with its issues, pull requests and history (admin only).',
  inputSchema: z.object({ owner, repo }),
  outputSchema: z.object({ deleted: z.string().describe('owner/name') }),
  annotations: destructive({ openWorld: true }),
  toolset: 'repos',
  // Ask the user only about a repository that exists and that this token could delete.
  confirm: async (input, ctx) => {
    const name = await deletableName(input, ctx);
    return `Delete the repository ${name} with all its issues, pull requests and history`;
  },
  handler: async (input, ctx) => {
    const name = await deletableName(input, ctx);
    await ctx.deps.gh.rest.repos.delete({
      owner: input.owner,
      repo: input.repo,
      request: { signal: ctx.signal },
    });
    return { deleted: name };
  },
});

async function deletableName(input: { owner: string; repo: string }, ctx: GitHubContext): Promise<string> {
  const { data } = await ctx.deps.gh.rest.repos.get({ ...input, request: { signal: ctx.signal } });
  if (data.permissions && !data.permissions.admin) {
    throw new PermissionDeniedError(`Deleting ${data.full_name} needs admin rights on it.`, {
      hint: 'Only an admin of the repository can delete it.',
    });
  }
  return data.full_name;
}
