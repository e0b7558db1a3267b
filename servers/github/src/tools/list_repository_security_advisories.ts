import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { advisory, advisoryList, repoAdvisoryFilters } from '../advisories.js';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'list_repository_security_advisories',
  title: 'List repository security advisories',
  description: "A repository's own advisories; drafts and triage only with push access.",
  inputSchema: z.object({ owner, repo, ...repoAdvisoryFilters }),
  outputSchema: advisoryList,
  annotations: readOnly({ openWorld: true }),
  toolset: 'security_advisories',
  handler: async (input, ctx) => {
    const { owner, repo, ...filters } = input;
    const { data } = await ctx.deps.gh.rest.securityAdvisories.listRepositoryAdvisories({
      owner,
      repo,
      ...filters,
      request: { signal: ctx.signal },
    });
    return { advisories: data.map(advisory) };
  },
});
