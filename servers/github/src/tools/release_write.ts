import { destructive, InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { release, releaseOut } from '../releases.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'release_write',
  title: 'Create, update or delete release',
  description:
    'method create (tag; the tag is made at target when new), update or delete (release_id; asks the user).',
  inputSchema: z.object({
    method: z.enum(['create', 'update', 'delete']),
    owner,
    repo,
    release_id: z.number().int().optional().describe('from list_releases or get_release_by_tag'),
    tag: z.string().min(1).optional(),
    target: z.string().optional().describe('branch or commit; default branch when omitted'),
    name: z.string().optional(),
    body: z.string().optional(),
    draft: z.boolean().optional(),
    prerelease: z.boolean().optional(),
    generate_notes: z.boolean().optional(),
  }),
  outputSchema: z.object({
    release: releaseOut.extend({ id: z.number() }).optional(),
    deleted: z.number().optional(),
  }),
  annotations: destructive({ openWorld: true }),
  toolset: 'repos',
  // A release can be edited back; a deleted one (and its assets) is gone.
  confirm: (input) =>
    input.method === 'delete'
      ? `Delete release ${input.release_id} of ${input.owner}/${input.repo}`
      : undefined,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo, request: { signal: ctx.signal } };
    const fields = {
      ...(input.target && { target_commitish: input.target }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.body !== undefined && { body: input.body }),
      ...(input.draft !== undefined && { draft: input.draft }),
      ...(input.prerelease !== undefined && { prerelease: input.prerelease }),
    };
    if (input.method === 'create') {
      if (!input.tag) throw new InvalidInputError('create needs tag.');
      const { data } = await gh.rest.repos.createRelease({
        ...where,
        tag_name: input.tag,
        ...fields,
        ...(input.generate_notes && { generate_release_notes: true }),
      });
      return { release: { id: data.id, ...release(data) } };
    }
    if (!input.release_id) throw new InvalidInputError(`${input.method} needs release_id.`);
    if (input.method === 'delete') {
      await gh.rest.repos.deleteRelease({ ...where, release_id: input.release_id });
      return { deleted: input.release_id };
    }
    const { data } = await gh.rest.repos.updateRelease({
      ...where,
      release_id: input.release_id,
      ...(input.tag && { tag_name: input.tag }),
      ...fields,
    });
    return { release: { id: data.id, ...release(data) } };
  },
});
