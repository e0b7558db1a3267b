import { destructive, PermissionDeniedError } from '@refmcp/core';
import * as z from 'zod';
import { confirm, confirmOrThrow } from '../confirm.js';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'delete_repository',
  title: 'Delete repository',
  description:
    'Delete a repository with its issues, pull requests and history (needs admin rights and the delete_repo scope). Asks the user to confirm.',
  inputSchema: z.object({ owner, repo, confirm }),
  outputSchema: z.object({ deleted: z.string().describe('owner/name') }),
  annotations: destructive({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo, request: { signal: ctx.signal } };
    // Ask the user only about a repository that exists and that this token could delete.
    const { data } = await gh.rest.repos.get(where);
    if (data.permissions && !data.permissions.admin) {
      throw new PermissionDeniedError(`Deleting ${data.full_name} needs admin rights on it.`, {
        hint: 'Only an admin of the repository can delete it.',
      });
    }
    await confirmOrThrow(
      ctx,
      input.confirm,
      `Delete the repository ${data.full_name} with all its issues, pull requests and history`,
    );
    await gh.rest.repos.delete(where);
    return { deleted: data.full_name };
  },
});
