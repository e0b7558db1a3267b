import { InvalidInputError, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { nextPage, nextPageOf, owner, paging, repo, repoPage } from '../tool-args.js';
import { idOrName, jobOut, runOut, trimJob, trimRun, trimWorkflow, workflowOut } from '../workflows.js';

export default defineTool({
  name: 'actions_list',
  title: 'List Actions workflows, runs or jobs',
  description:
    'method list_workflows, list_workflow_runs (optional workflow_id, status) or list_workflow_jobs (run_id).',
  inputSchema: z.object({
    method: z.enum(['list_workflows', 'list_workflow_runs', 'list_workflow_jobs']),
    owner,
    repo,
    workflow_id: idOrName.optional(),
    run_id: z.number().optional(),
    status: z.string().optional(),
    ...paging,
  }),
  outputSchema: z.object({
    total: z.number(),
    workflows: z.array(workflowOut).optional(),
    runs: z.array(runOut).optional(),
    jobs: z.array(jobOut).optional(),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'actions',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = repoPage(input, ctx.signal);
    if (input.method === 'list_workflows') {
      const res = await gh.rest.actions.listRepoWorkflows(where);
      return {
        total: res.data.total_count,
        workflows: res.data.workflows.map(trimWorkflow),
        ...nextPageOf(res.headers),
      };
    }
    if (input.method === 'list_workflow_runs') {
      const status = input.status ? { status: input.status as 'completed' } : {};
      const res = input.workflow_id
        ? await gh.rest.actions.listWorkflowRuns({ ...where, ...status, workflow_id: input.workflow_id })
        : await gh.rest.actions.listWorkflowRunsForRepo({ ...where, ...status });
      return {
        total: res.data.total_count,
        runs: res.data.workflow_runs.map(trimRun),
        ...nextPageOf(res.headers),
      };
    }
    if (!input.run_id) throw new InvalidInputError('run_id is required for list_workflow_jobs.');
    const res = await gh.rest.actions.listJobsForWorkflowRun({ ...where, run_id: input.run_id });
    return { total: res.data.total_count, jobs: res.data.jobs.map(trimJob), ...nextPageOf(res.headers) };
  },
});
