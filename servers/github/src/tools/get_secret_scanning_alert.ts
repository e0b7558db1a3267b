import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { alertNumber, alertOut, secretScanningAlert } from '../alerts.js';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'get_secret_scanning_alert',
  title: 'Get secret scanning alert',
  description: 'One secret scanning alert by number.',
  inputSchema: z.object({ owner, repo, alertNumber }),
  outputSchema: alertOut,
  annotations: readOnly({ openWorld: true }),
  toolset: 'secret_protection',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.secretScanning.getAlert({
      owner: input.owner,
      repo: input.repo,
      alert_number: input.alertNumber,
    });
    return secretScanningAlert(data);
  },
});
