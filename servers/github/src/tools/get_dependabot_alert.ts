import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { alertNumber, alertOut, dependabotAlert } from '../alerts.js';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'get_dependabot_alert',
  title: 'Get Dependabot alert',
  description: 'One Dependabot alert by number.',
  inputSchema: z.object({ owner, repo, alertNumber }),
  outputSchema: alertOut,
  annotations: readOnly({ openWorld: true }),
  toolset: 'dependabot',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.dependabot.getAlert({
      owner: input.owner,
      repo: input.repo,
      alert_number: input.alertNumber,
    });
    return dependabotAlert(data);
  },
});
