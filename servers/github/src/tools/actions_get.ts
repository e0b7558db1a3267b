import { InvalidInputError, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';
import { idOrName, jobOut, runOut, trimJob, trimRun, trimWorkflow, workflowOut } from '../workflows.js';

export default defineTool({
  name: 'actions_get',
  title: 'Get Actions workflow, run or job',
  description:
    'method get_workflow (resource_id: id or file name), get_workflow_run or get_workflow_job (numeric id).',
  inputSchema: z.object({
    method: z.enum(['get_workflow', 'get_workflow_run', 'get_workflow_job']),
    owner,
    repo,
    resource_id: idOrName,
  }),
  outputSchema: z.object({
    workflow: workflowOut.optional(),
    run: runOut.optional(),
    job: jobOut.optional(),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'actions',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo, request: { signal: ctx.signal } };
    if (input.method === 'get_workflow') {
      const { data: w } = await gh.rest.actions.getWorkflow({ ...where, workflow_id: input.resource_id });
      return { workflow: trimWorkflow(w) };
    }
    const numeric = Number(input.resource_id);
    if (!Number.isInteger(numeric))
      throw new InvalidInputError(`${input.method} needs a numeric resource_id.`);
    if (input.method === 'get_workflow_run')
      return { run: trimRun((await gh.rest.actions.getWorkflowRun({ ...where, run_id: numeric })).data) };
    return { job: trimJob((await gh.rest.actions.getJobForWorkflowRun({ ...where, job_id: numeric })).data) };
  },
});
