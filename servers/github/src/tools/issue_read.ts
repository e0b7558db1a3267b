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
  description: 'One issue: method get (default), get_comments, get_sub_issues or get_labels.',
  inputSchema: z.object({
    owner,
    repo,
    issue_number: issueNumber,
    method: z.enum(['get', 'get_comments', 'get_sub_issues', 'get_labels']).default('get'),
    ...paging,
  }),
  outputSchema: z.object({
    issue: issueFull.optional(),
    comments: z.array(commentOut).optional(),
    subIssues: z.array(issueSummary).optional(),
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
    const res = await gh.rest.issues.listLabelsOnIssue({ ...where, ...pageParams(input) });
    return {
      labels: res.data.map((l) => l.name),
      ...nextPageOf(res.headers),
    };
  },
});
