import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import type { GitHubContext } from '../deps.js';
import { defineTool } from '../deps.js';
import { issueNumber } from '../issues.js';
import { owner, repo } from '../tool-args.js';

/** The API takes issue ids, not numbers: a number is looked up (one request). */
async function idOf(ctx: GitHubContext, where: { owner: string; repo: string }, number: number) {
  const { data } = await ctx.deps.gh.rest.issues.get({
    ...where,
    issue_number: number,
    request: { signal: ctx.signal },
  });
  return data.id;
}

export default defineTool({
  name: 'sub_issue_write',
  title: 'Add or remove sub-issue',
  description: 'method add or remove: link issue sub_issue_number under issue_number (same repository).',
  inputSchema: z.object({
    method: z.enum(['add', 'remove', 'reprioritize']),
    owner,
    repo,
    issue_number: issueNumber,
    sub_issue_number: issueNumber.optional(),
    sub_issue_id: z.number().int().optional().describe('the issue id, not its number'),
    replace_parent: z.boolean().optional().describe('add: move it from its current parent'),
    after_id: z.number().int().optional().describe('reprioritize: put it after this sub-issue id'),
    before_id: z.number().int().optional().describe('reprioritize: put it before this sub-issue id'),
  }),
  outputSchema: z.object({
    parent: z.number(),
    child: z.number().optional().describe('its number'),
    subIssueId: z.number(),
    linked: z.boolean(),
  }),
  annotations: writes({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo };
    let sub_issue_id = input.sub_issue_id;
    if (sub_issue_id === undefined) {
      if (input.sub_issue_number === undefined)
        throw new InvalidInputError('Give sub_issue_number or sub_issue_id.');
      sub_issue_id = await idOf(ctx, where, input.sub_issue_number);
    }
    const args = {
      ...where,
      issue_number: input.issue_number,
      sub_issue_id,
      request: { signal: ctx.signal },
    };
    let child = input.sub_issue_number;
    if (input.method === 'add')
      await gh.rest.issues.addSubIssue({ ...args, ...(input.replace_parent && { replace_parent: true }) });
    // Removing answers with the sub-issue itself.
    else if (input.method === 'remove') child = (await gh.rest.issues.removeSubIssue(args)).data.number;
    else {
      if ((input.after_id === undefined) === (input.before_id === undefined))
        throw new InvalidInputError('reprioritize needs exactly one of after_id and before_id.');
      await gh.rest.issues.reprioritizeSubIssue({
        ...args,
        ...(input.after_id !== undefined ? { after_id: input.after_id } : { before_id: input.before_id }),
      });
    }
    return {
      parent: input.issue_number,
      ...(child !== undefined && { child }),
      subIssueId: sub_issue_id,
      linked: input.method !== 'remove',
    };
  },
});
