import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { advisory, advisoryList } from '../advisories.js';
import { defineTool } from '../deps.js';

const ECOSYSTEMS = [
  'actions',
  'composer',
  'erlang',
  'go',
  'maven',
  'npm',
  'nuget',
  'other',
  'pip',
  'pub',
  'rubygems',
  'rust',
] as const;

export default defineTool({
  name: 'list_global_security_advisories',
  title: 'List global security advisories',
  description:
    "GitHub's advisory database, filtered; dates are ISO 8601 or ranges like 2026-01-01..2026-02-01. At most 100.",
  inputSchema: z.object({
    ghsaId: z.string().optional(),
    type: z.enum(['reviewed', 'malware', 'unreviewed']).default('reviewed'),
    cveId: z.string().optional(),
    ecosystem: z.enum(ECOSYSTEMS).optional(),
    severity: z.enum(['unknown', 'low', 'medium', 'high', 'critical']).optional(),
    cwes: z.array(z.string()).optional(),
    isWithdrawn: z.boolean().optional(),
    affects: z.string().optional().describe('packages, e.g. "lodash,left-pad@1.0.0"'),
    published: z.string().optional(),
    updated: z.string().optional(),
    modified: z.string().optional(),
    perPage: z.number().min(1).max(100).optional(),
  }),
  outputSchema: advisoryList,
  annotations: readOnly({ openWorld: true }),
  toolset: 'security_advisories',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.securityAdvisories.listGlobalAdvisories({
      type: input.type,
      ...(input.ghsaId && { ghsa_id: input.ghsaId }),
      ...(input.cveId && { cve_id: input.cveId }),
      ...(input.ecosystem && { ecosystem: input.ecosystem }),
      ...(input.severity && { severity: input.severity }),
      ...(input.cwes && { cwes: input.cwes.join(',') }),
      ...(input.isWithdrawn !== undefined && { is_withdrawn: input.isWithdrawn }),
      ...(input.affects && { affects: input.affects }),
      ...(input.published && { published: input.published }),
      ...(input.updated && { updated: input.updated }),
      ...(input.modified && { modified: input.modified }),
      per_page: input.perPage ?? 30,
      request: { signal: ctx.signal },
    });
    return { advisories: data.map(advisory) };
  },
});
