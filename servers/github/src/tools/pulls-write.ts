import { InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import {
  confirm,
  confirmOrThrow,
  DESTRUCTIVE,
  defineTool,
  type GitHubTool,
  owner,
  repo,
  WRITE,
} from './common.js';

const pullNumber = z.number().min(1);
const prRef = z.object({ number: z.number(), url: z.string(), state: z.string() });

const createPullRequest = defineTool({
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
  }),
  outputSchema: prRef,
  annotations: WRITE,
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.pulls.create(input);
    return { number: data.number, url: data.html_url, state: data.state };
  },
});

const updatePullRequest = defineTool({
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
  }),
  outputSchema: prRef,
  annotations: WRITE,
  handler: async (input, ctx) => {
    const { pullNumber: pull_number, ...rest } = input;
    const { data } = await ctx.deps.gh.rest.pulls.update({ ...rest, pull_number });
    return { number: data.number, url: data.html_url, state: data.state };
  },
});

const mergePullRequest = defineTool({
  name: 'merge_pull_request',
  title: 'Merge pull request',
  description: 'Merge a pull request (merge, squash or rebase). Asks the user to confirm.',
  inputSchema: z.object({
    owner,
    repo,
    pullNumber,
    merge_method: z.enum(['merge', 'squash', 'rebase']).default('merge'),
    commit_title: z.string().optional(),
    commit_message: z.string().optional(),
    confirm,
  }),
  outputSchema: z.object({ merged: z.boolean(), sha: z.string(), message: z.string() }),
  annotations: DESTRUCTIVE,
  handler: async (input, ctx) => {
    await confirmOrThrow(
      ctx,
      input.confirm,
      `Merge pull request #${input.pullNumber} in ${input.owner}/${input.repo} (${input.merge_method})`,
    );
    const { data } = await ctx.deps.gh.rest.pulls.merge({
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pullNumber,
      merge_method: input.merge_method,
      ...(input.commit_title && { commit_title: input.commit_title }),
      ...(input.commit_message && { commit_message: input.commit_message }),
    });
    return { merged: data.merged, sha: data.sha, message: data.message };
  },
});

const reviewWrite = defineTool({
  name: 'pull_request_review_write',
  title: 'Review pull request',
  description: 'Submit a review: event APPROVE, REQUEST_CHANGES or COMMENT (body required for the last two).',
  inputSchema: z.object({
    method: z.enum(['create']).default('create'),
    owner,
    repo,
    pullNumber,
    event: z.enum(['APPROVE', 'REQUEST_CHANGES', 'COMMENT']),
    body: z.string().optional(),
    commitID: z.string().optional(),
  }),
  outputSchema: z.object({ id: z.number(), state: z.string(), url: z.string() }),
  annotations: WRITE,
  handler: async (input, ctx) => {
    if (input.event !== 'APPROVE' && !input.body)
      throw new InvalidInputError(`A ${input.event} review needs a body.`);
    const { data } = await ctx.deps.gh.rest.pulls.createReview({
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pullNumber,
      event: input.event,
      ...(input.body && { body: input.body }),
      ...(input.commitID && { commit_id: input.commitID }),
    });
    return { id: data.id, state: data.state, url: data.html_url };
  },
});

const updateBranch = defineTool({
  name: 'update_pull_request_branch',
  title: 'Update pull request branch',
  description: "Merge the base branch into the pull request's head branch.",
  inputSchema: z.object({ owner, repo, pullNumber, expectedHeadSha: z.string().optional() }),
  outputSchema: z.object({ message: z.string() }),
  annotations: WRITE,
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.pulls.updateBranch({
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pullNumber,
      ...(input.expectedHeadSha && { expected_head_sha: input.expectedHeadSha }),
    });
    return { message: data.message ?? 'Updating.' };
  },
});

export const pullWriteTools: GitHubTool[] = [
  createPullRequest,
  updatePullRequest,
  mergePullRequest,
  reviewWrite,
  updateBranch,
];
