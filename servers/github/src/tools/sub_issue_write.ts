import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { issueNumber } from '../issues.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'sub_issue_write',
  title: 'Add or remove sub-issue',
  description: 'method add or remove: link issue sub_issue_number under issue_number (same repository).',
  inputSchema: z.object({
    method: z.enum(['add', 'remove']),
    owner,
    repo,
    issue_number: issueNumber,
    sub_issue_number: issueNumber,
  }),
  outputSchema: z.object({ parent: z.number(), child: z.number(), linked: z.boolean() }),
  annotations: writes({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo };
    // The API takes the child's id, not its number.
    const child = await gh.rest.issues.get({ ...where, issue_number: input.sub_issue_number });
    const args = { ...where, issue_number: input.issue_number, sub_issue_id: child.data.id };
    if (input.method === 'add') await gh.rest.issues.addSubIssue(args);
    else await gh.rest.issues.removeSubIssue(args);
    return { parent: input.issue_number, child: input.sub_issue_number, linked: input.method === 'add' };
  },
});
