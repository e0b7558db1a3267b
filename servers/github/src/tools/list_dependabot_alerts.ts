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
    after: z.string().optional().describe('nextCursor of the previous answer'),
    ...paging,
  }),
  outputSchema: alertList.extend({ nextCursor: z.string().optional() }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'dependabot',
  handler: async ({ page, perPage, ...filters }, ctx) => {
    // GitHub pages Dependabot alerts by cursor; a page number is only sent when one was asked for.
    const res = await ctx.deps.gh.rest.dependabot.listAlertsForRepo({
      ...filters,
      ...(filters.after || page === undefined ? { per_page: perPage ?? 30 } : pageParams({ page, perPage })),
      request: { signal: ctx.signal },
    });
    const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.link ?? '')?.[1];
    const cursor = next ? new URL(next).searchParams.get('after') : null;
    return {
      alerts: res.data.map(dependabotAlert),
      ...nextPageOf(res.headers),
      ...(cursor && { nextCursor: cursor }),
    };
  },
});
