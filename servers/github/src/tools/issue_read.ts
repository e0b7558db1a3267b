import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import {
  commentOut,
  comments,
  fullIssue,
  issueFull,
  issueNumber,
  issueSummary,
  summarize,
} from '../issues.js';
import { nextPage, nextPageOf, owner, pageParams, paging, repo } from '../tool-args.js';

export default defineTool({
  name: 'issue_read',
  title: 'Read issue',
  description: 'One issue, or by method its comments, sub-issues, parent or labels.',
  inputSchema: z.object({
    owner,
    repo,
    issue_number: issueNumber,
    method: z.enum(['get', 'get_comments', 'get_sub_issues', 'get_parent', 'get_labels']).default('get'),
    ...paging,
  }),
  outputSchema: z.object({
    issue: issueFull.optional(),
    comments: z.array(commentOut).optional(),
    subIssues: z.array(issueSummary).optional(),
    parent: issueSummary.nullable().optional().describe('null: not a sub-issue'),
    labels: z.array(z.string()).optional(),
    withheld: z.number().optional().describe('Comments hidden by lockdown'),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = {
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issue_number,
      request: { signal: ctx.signal },
    };
    if (input.method === 'get') {
      const { data } = await gh.rest.issues.get(where);
      return { issue: await fullIssue(ctx, input.owner, input.repo, data) };
    }
    if (input.method === 'get_comments') {
      const res = await gh.rest.issues.listComments({ ...where, ...pageParams(input) });
      return { ...(await comments(ctx, input.owner, input.repo, res.data)), ...nextPageOf(res.headers) };
    }
    if (input.method === 'get_sub_issues') {
      const res = await gh.rest.issues.listSubIssues({ ...where, ...pageParams(input) });
      return { subIssues: res.data.map(summarize), ...nextPageOf(res.headers) };
    }
    if (input.method === 'get_parent') {
      // GitHub answers 404 for an issue without a parent, as for a missing one: tell them apart.
      const parent = await gh.rest.issues.getParent(where).catch((error: { status?: number }) => {
        if (error.status === 404) return undefined;
        throw error;
      });
      if (parent) return { parent: summarize(parent.data) };
      await gh.rest.issues.get(where);
      return { parent: null };
    }
    const res = await gh.rest.issues.listLabelsOnIssue({ ...where, ...pageParams(input) });
    return {
      labels: res.data.map((l) => l.name),
      ...nextPageOf(res.headers),
    };
  },
});
