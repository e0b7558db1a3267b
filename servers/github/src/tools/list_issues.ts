import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { issueSummary, summarize } from '../issues.js';
import { nextPage, nextPageOf, owner, pageParams, paging, repo } from '../tool-args.js';

export default defineTool({
  name: 'list_issues',
  title: 'List issues',
  description: 'Issues in a repository (pull requests excluded), newest first.',
  inputSchema: z.object({
    owner,
    repo,
    state: z.enum(['open', 'closed', 'all']).default('open'),
    labels: z.array(z.string()).optional(),
    since: z.string().optional().describe('ISO 8601; updated at or after'),
    ...paging,
  }),
  outputSchema: z.object({ issues: z.array(issueSummary), withheld: z.number().optional(), nextPage }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.issues.listForRepo({
      owner: input.owner,
      repo: input.repo,
      state: input.state,
      ...(input.labels && { labels: input.labels.join(',') }),
      ...(input.since && { since: input.since }),
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
    const issues = res.data.filter((i) => !i.pull_request);
    const { items, withheld } = await ctx.deps.lockdown.filter(
      input.owner,
      input.repo,
      issues,
      (i) => i.user?.login,
    );
    return { issues: items.map(summarize), ...(withheld > 0 && { withheld }), ...nextPageOf(res.headers) };
  },
});
