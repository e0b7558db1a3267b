import { destructive, InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';
import { idOrName } from '../workflows.js';

export default defineTool({
  name: 'actions_run_trigger',
  title: 'Run, rerun or cancel a workflow',
  description:
    'method run_workflow (workflow_id, ref, inputs), rerun_workflow_run or cancel_workflow_run (run_id).',
  inputSchema: z.object({
    method: z.enum([
      'run_workflow',
      'rerun_workflow_run',
      'rerun_failed_jobs',
      'cancel_workflow_run',
      'delete_workflow_run_logs',
    ]),
    owner,
    repo,
    workflow_id: idOrName.optional(),
    ref: z.string().optional(),
    inputs: z.record(z.string(), z.string()).optional(),
    run_id: z.number().optional(),
  }),
  outputSchema: z.object({ method: z.string(), accepted: z.boolean() }),
  annotations: destructive({ openWorld: true }),
  toolset: 'actions',
  // Runs and reruns can be cancelled; deleted logs are gone.
  confirm: (input) =>
    input.method === 'delete_workflow_run_logs'
      ? `Delete the logs of workflow run ${input.run_id} in ${input.owner}/${input.repo}`
      : undefined,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo };
    if (input.method === 'run_workflow') {
      if (!input.workflow_id || !input.ref)
        throw new InvalidInputError('run_workflow needs workflow_id and ref.');
      await gh.rest.actions.createWorkflowDispatch({
        ...where,
        workflow_id: input.workflow_id,
        ref: input.ref,
        ...(input.inputs && { inputs: input.inputs }),
      });
    } else {
      if (!input.run_id) throw new InvalidInputError(`${input.method} needs run_id.`);
      const run = { ...where, run_id: input.run_id };
      if (input.method === 'rerun_workflow_run') await gh.rest.actions.reRunWorkflow(run);
      else if (input.method === 'rerun_failed_jobs') await gh.rest.actions.reRunWorkflowFailedJobs(run);
      else if (input.method === 'delete_workflow_run_logs') await gh.rest.actions.deleteWorkflowRunLogs(run);
      else await gh.rest.actions.cancelWorkflowRun(run);
    }
    return { method: input.method, accepted: true };
  },
});
