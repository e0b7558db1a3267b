import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { graphql } from '../graphql.js';
import { prRef, pullNumber } from '../pulls.js';
import { owner, repo } from '../tool-args.js';

const TO_DRAFT = `mutation($id: ID!) { convertPullRequestToDraft(input: {pullRequestId: $id}) { pullRequest { isDraft } } }`;
const TO_READY = `mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId: $id}) { pullRequest { isDraft } } }`;

export default defineTool({
  name: 'update_pull_request',
  title: 'Update pull request',
  description: 'Change title, body, state, base branch or draft flag of a pull request.',
  inputSchema: z.object({
    owner,
    repo,
    pullNumber,
    title: z.string().optional(),
    body: z.string().optional(),
    state: z.enum(['open', 'closed']).optional(),
    base: z.string().optional(),
    maintainer_can_modify: z.boolean().optional(),
    draft: z.boolean().optional(),
    reviewers: z.array(z.string().min(1)).optional(),
  }),
  outputSchema: prRef.extend({ draft: z.boolean().optional(), reviewers: z.array(z.string()).optional() }),
  annotations: writes({ openWorld: true }),
  toolset: 'pull_requests',
  handler: async (input, ctx) => {
    const { pullNumber: pull_number, draft, reviewers, ...rest } = input;
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo, pull_number };
    const changes = Object.keys(rest).some((k) => !['owner', 'repo'].includes(k));
    const { data } = changes
      ? await gh.rest.pulls.update({ ...rest, pull_number })
      : await gh.rest.pulls.get(where);
    let isDraft = data.draft;
    // REST cannot change the draft flag; GraphQL's two mutations can, by the pull request's node id.
    if (draft !== undefined && draft !== data.draft) {
      type Answer = Record<string, { pullRequest: { isDraft: boolean } }>;
      const answer = await graphql<Answer>(ctx, draft ? TO_DRAFT : TO_READY, { id: data.node_id });
      isDraft = Object.values(answer)[0]?.pullRequest.isDraft;
    }
    let requested: string[] | undefined;
    if (reviewers?.length) {
      const asked = await gh.rest.pulls.requestReviewers({ ...where, reviewers });
      requested = (asked.data.requested_reviewers ?? []).map((u) => u.login);
    }
    return {
      number: data.number,
      url: data.html_url,
      state: data.state,
      ...(isDraft !== undefined && { draft: isDraft }),
      ...(requested && { reviewers: requested }),
    };
  },
});
