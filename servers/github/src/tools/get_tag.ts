import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'get_tag',
  title: 'Get tag',
  description: 'A git tag: its commit, or its annotated tag object and message.',
  inputSchema: z.object({ owner, repo, tag: z.string().min(1) }),
  outputSchema: z.object({
    name: z.string(),
    type: z.string(),
    sha: z.string(),
    commitSha: z.string().optional(),
    message: z.string().optional(),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const where = { owner: input.owner, repo: input.repo, request: { signal: ctx.signal } };
    const { data: ref } = await ctx.deps.gh.rest.git.getRef({ ...where, ref: `tags/${input.tag}` });
    const out = { name: input.tag, type: ref.object.type, sha: ref.object.sha };
    if (ref.object.type !== 'tag') return { ...out, commitSha: ref.object.sha };
    // An annotated tag is an object of its own, with a message and the commit it tags.
    const { data: tag } = await ctx.deps.gh.rest.git.getTag({ ...where, tag_sha: ref.object.sha });
    return { ...out, commitSha: tag.object.sha, message: tag.message };
  },
});
