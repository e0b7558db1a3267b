import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { issueFieldsArg, resolveIssueFields } from '../issue-fields.js';
import { issueNumber } from '../issues.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'issue_write',
  title: 'Create or update issue',
  description: 'method create (title required) or update (issue_number required; state closes or reopens).',
  inputSchema: z.object({
    method: z.enum(['create', 'update']),
    owner,
    repo,
    issue_number: issueNumber.optional(),
    title: z.string().optional(),
    body: z.string().optional(),
    labels: z.array(z.string()).optional(),
    assignees: z.array(z.string()).optional(),
    state: z.enum(['open', 'closed']).optional(),
    state_reason: z.enum(['completed', 'not_planned', 'duplicate', 'reopened']).optional(),
    milestone: z.number().int().nullable().optional().describe('number; null removes'),
    type: z.string().min(1).nullable().optional().describe('see list_issue_types; null removes'),
    duplicate_of: issueNumber.optional().describe('closes as its duplicate'),
    issue_fields: issueFieldsArg,
  }),
  outputSchema: z.object({ number: z.number(), url: z.string(), state: z.string() }),
  annotations: writes({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const fields = {
      ...(input.title !== undefined && { title: input.title }),
      ...(input.body !== undefined && { body: input.body }),
      ...(input.labels && { labels: input.labels }),
      ...(input.assignees && { assignees: input.assignees }),
      ...(input.milestone !== undefined && { milestone: input.milestone }),
      ...(input.type !== undefined && { type: input.type }),
    };
    const where = { owner: input.owner, repo: input.repo };
    const custom = input.issue_fields
      ? await resolveIssueFields(ctx, input.owner, input.issue_fields)
      : undefined;
    if (custom?.set.length) Object.assign(fields, { issue_field_values: custom.set });
    if (input.method === 'create') {
      if (!input.title) throw new InvalidInputError('title is required to create an issue.');
      if (input.duplicate_of || custom?.clear.length)
        throw new InvalidInputError(
          'duplicate_of and clearing issue fields apply to existing issues: use update.',
        );
      const { data } = await gh.rest.issues.create({ ...where, title: input.title, ...fields });
      return { number: data.number, url: data.html_url, state: data.state };
    }
    if (!input.issue_number) throw new InvalidInputError('issue_number is required to update an issue.');
    // GitHub takes the original's id; a duplicate is closed with that reason.
    const duplicate = input.duplicate_of
      ? {
          duplicate_issue_id: (await gh.rest.issues.get({ ...where, issue_number: input.duplicate_of })).data
            .id,
          state: 'closed' as const,
          state_reason: 'duplicate' as const,
        }
      : {};
    const { data } = await gh.rest.issues.update({
      ...where,
      issue_number: input.issue_number,
      ...fields,
      ...(input.state && { state: input.state }),
      ...(input.state_reason && { state_reason: input.state_reason }),
      ...duplicate,
    });
    for (const field_id of custom?.clear ?? []) {
      // No Octokit method covers issue field values yet; this is Octokit's request with GitHub's route.
      await gh.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/issue-field-values/{field_id}', {
        ...where,
        issue_number: input.issue_number,
        field_id,
      });
    }
    return { number: data.number, url: data.html_url, state: data.state };
  },
});
