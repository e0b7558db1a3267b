import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { advisory, advisoryOut } from '../advisories.js';
import { defineTool } from '../deps.js';

export default defineTool({
  name: 'get_global_security_advisory',
  title: 'Get global security advisory',
  description: "One advisory of GitHub's database by GHSA id.",
  inputSchema: z.object({
    ghsaId: z.string().regex(/^GHSA(-[0-9a-z]{4}){3}$/i, 'a GHSA id: GHSA-xxxx-xxxx-xxxx'),
  }),
  outputSchema: advisoryOut,
  annotations: readOnly({ openWorld: true }),
  toolset: 'security_advisories',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.securityAdvisories.getGlobalAdvisory({
      ghsa_id: input.ghsaId,
      request: { signal: ctx.signal },
    });
    return advisory(data);
  },
});
