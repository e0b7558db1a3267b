import { ToolError, writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { mapGitHubError } from '../errors.js';
import { prRef } from '../pulls.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'create_pull_request',
  title: 'Create pull request',
  description: 'Open a pull request from head into base.',
  inputSchema: z.object({
    owner,
    repo,
    title: z.string().min(1),
    head: z.string().min(1),
    base: z.string().min(1),
    body: z.string().optional(),
    draft: z.boolean().optional(),
    maintainer_can_modify: z.boolean().optional(),
    reviewers: z.array(z.string().min(1)).optional(),
  }),
  outputSchema: prRef.extend({ reviewers: z.array(z.string()).optional() }),
  annotations: writes({ openWorld: true }),
  toolset: 'pull_requests',
  handler: async (input, ctx) => {
    const { reviewers, ...fields } = input;
    const { data } = await ctx.deps.gh.rest.pulls.create(fields);
    const out = { number: data.number, url: data.html_url, state: data.state };
    if (!reviewers?.length) return out;
    // The pull request exists now: a refused review request must not hide that.
    try {
      const { data: asked } = await ctx.deps.gh.rest.pulls.requestReviewers({
        owner: input.owner,
        repo: input.repo,
        pull_number: data.number,
        reviewers,
      });
      return { ...out, reviewers: (asked.requested_reviewers ?? []).map((u) => u.login) };
    } catch (error) {
      const why = mapGitHubError(error, ctx.deps.config.apiUrl, 'requesting reviewers');
      if (!(why instanceof ToolError)) throw why;
      throw new ToolError(
        why.kind,
        `Opened #${data.number} (${data.html_url}), but requesting reviewers failed: ${why.message}`,
        { hint: 'Do not open it again; request the reviewers with update_pull_request.' },
      );
    }
  },
});
