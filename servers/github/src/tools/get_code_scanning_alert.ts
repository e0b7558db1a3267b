import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { alertNumber, alertOut, codeScanningAlert } from '../alerts.js';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'get_code_scanning_alert',
  title: 'Get code scanning alert',
  description: 'One code scanning alert by number.',
  inputSchema: z.object({ owner, repo, alertNumber }),
  outputSchema: alertOut,
  annotations: readOnly({ openWorld: true }),
  toolset: 'code_security',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.codeScanning.getAlert({
      owner: input.owner,
      repo: input.repo,
      alert_number: input.alertNumber,
    });
    return codeScanningAlert(data);
  },
});
