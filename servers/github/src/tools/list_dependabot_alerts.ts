import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { alertList, dependabotAlert } from '../alerts.js';
import { defineTool } from '../deps.js';
import { nextPageOf, owner, pageParams, paging, repo } from '../tool-args.js';

export default defineTool({
  name: 'list_dependabot_alerts',
  title: 'List Dependabot alerts',
  description: 'Dependabot alerts of a repository (needs write access).',
  inputSchema: z.object({
    owner,
    repo,
    state: z.string().optional().describe('open, fixed, dismissed, auto_dismissed'),
    severity: z.string().optional(),
    ...paging,
  }),
  outputSchema: alertList,
  annotations: readOnly({ openWorld: true }),
  toolset: 'dependabot',
  handler: async ({ page, perPage, ...filters }, ctx) => {
    const res = await ctx.deps.gh.rest.dependabot.listAlertsForRepo({
      ...filters,
      ...pageParams({ page, perPage }),
      request: { signal: ctx.signal },
    });
    return { alerts: res.data.map(dependabotAlert), ...nextPageOf(res.headers) };
  },
});
