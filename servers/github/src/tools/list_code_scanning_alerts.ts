import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { alertList, codeScanningAlert } from '../alerts.js';
import { defineTool } from '../deps.js';
import { nextPageOf, owner, pageParams, paging, repo } from '../tool-args.js';

export default defineTool({
  name: 'list_code_scanning_alerts',
  title: 'List code scanning alerts',
  description: 'Code scanning alerts of a repository (needs write access).',
  inputSchema: z.object({
    owner,
    repo,
    state: z.enum(['open', 'closed', 'dismissed', 'fixed']).optional(),
    severity: z.string().optional(),
    tool_name: z.string().optional(),
    ref: z.string().optional().describe('Branch or refs/…'),
    ...paging,
  }),
  outputSchema: alertList,
  annotations: readOnly({ openWorld: true }),
  toolset: 'code_security',
  handler: async ({ page, perPage, ...filters }, ctx) => {
    const res = await ctx.deps.gh.rest.codeScanning.listAlertsForRepo({
      // Passed as given for GitHub to check: Octokit's types know fewer states and severities.
      ...(filters as Omit<typeof filters, 'state' | 'severity'>),
      ...pageParams({ page, perPage }),
      request: { signal: ctx.signal },
    });
    return { alerts: res.data.map(codeScanningAlert), ...nextPageOf(res.headers) };
  },
});
