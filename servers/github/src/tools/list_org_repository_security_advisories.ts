import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { advisory, advisoryList, repoAdvisoryFilters } from '../advisories.js';
import { defineTool } from '../deps.js';

export default defineTool({
  name: 'list_org_repository_security_advisories',
  title: 'List organization security advisories',
  description: "The advisories of an organization's repositories; drafts only where you can push.",
  inputSchema: z.object({ org: z.string().min(1), ...repoAdvisoryFilters }),
  outputSchema: advisoryList,
  annotations: readOnly({ openWorld: true }),
  toolset: 'security_advisories',
  handler: async (input, ctx) => {
    const { org, ...filters } = input;
    const { data } = await ctx.deps.gh.rest.securityAdvisories.listOrgRepositoryAdvisories({
      org,
      ...filters,
      request: { signal: ctx.signal },
    });
    return { advisories: data.map(advisory) };
  },
});
