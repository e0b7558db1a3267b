import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { alertList, secretScanningAlert } from '../alerts.js';
import { defineTool } from '../deps.js';
import { nextPageOf, owner, pageParams, paging, repo } from '../tool-args.js';

export default defineTool({
  name: 'list_secret_scanning_alerts',
  title: 'List secret scanning alerts',
  description: 'Secret scanning alerts of a repository (needs write access).',
  inputSchema: z.object({
    owner,
    repo,
    state: z.enum(['open', 'resolved']).optional(),
    secret_type: z.string().optional(),
    resolution: z
      .enum(['false_positive', 'wont_fix', 'revoked', 'pattern_edited', 'pattern_deleted', 'used_in_tests'])
      .optional(),
    ...paging,
  }),
  outputSchema: alertList,
  annotations: readOnly({ openWorld: true }),
  toolset: 'secret_protection',
  handler: async ({ page, perPage, ...filters }, ctx) => {
    const res = await ctx.deps.gh.rest.secretScanning.listAlertsForRepo({
      ...filters,
      ...pageParams({ page, perPage }),
      request: { signal: ctx.signal },
    });
    return { alerts: res.data.map(secretScanningAlert), ...nextPageOf(res.headers) };
  },
});
