import { InvalidInputError, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { nextPage, nextPageOf, owner, paging, repo, repoPage } from '../tool-args.js';
import {
  artifactOut,
  idOrName,
  jobOut,
  runOut,
  trimArtifact,
  trimJob,
  trimRun,
  trimWorkflow,
  workflowOut,
} from '../workflows.js';

export default defineTool({
  name: 'actions_list',
  title: 'List Actions workflows, runs, jobs or artifacts',
  description:
    'method list_workflows, list_workflow_runs (optional workflow_id, status) or list_workflow_jobs (run_id).',
  inputSchema: z.object({
    method: z.enum([
      'list_workflows',
      'list_workflow_runs',
      'list_workflow_jobs',
      'list_workflow_run_artifacts',
    ]),
    owner,
    repo,
    workflow_id: idOrName.optional(),
    run_id: z.number().optional(),
    resource_id: idOrName.optional().describe('workflow_id or run_id, by method'),
    status: z.string().optional(),
    workflow_runs_filter: z
      .object({
        actor: z.string().optional(),
        branch: z.string().optional(),
        event: z.string().optional(),
        status: z.enum(['queued', 'in_progress', 'completed', 'requested', 'waiting']).optional(),
      })
      .optional(),
    workflow_jobs_filter: z.object({ filter: z.enum(['latest', 'all']).optional() }).optional(),
    ...paging,
    per_page: z.number().min(1).max(100).optional(),
  }),
  outputSchema: z.object({
    total: z.number(),
    workflows: z.array(workflowOut).optional(),
    runs: z.array(runOut).optional(),
    jobs: z.array(jobOut).optional(),
    artifacts: z.array(artifactOut).optional(),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'actions',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = repoPage({ ...input, perPage: input.perPage ?? input.per_page }, ctx.signal);
    if (input.method === 'list_workflows') {
      const res = await gh.rest.actions.listRepoWorkflows(where);
      return {
        total: res.data.total_count,
        workflows: res.data.workflows.map(trimWorkflow),
        ...nextPageOf(res.headers),
      };
    }
    if (input.method === 'list_workflow_runs') {
      const f = input.workflow_runs_filter ?? {};
      const status = input.status ?? f.status;
      const filters = {
        ...(status && { status: status as 'completed' }),
        ...(f.actor && { actor: f.actor }),
        ...(f.branch && { branch: f.branch }),
        ...(f.event && { event: f.event }),
      };
      const workflow = input.workflow_id ?? input.resource_id;
      const res = workflow
        ? await gh.rest.actions.listWorkflowRuns({ ...where, ...filters, workflow_id: workflow })
        : await gh.rest.actions.listWorkflowRunsForRepo({ ...where, ...filters });
      return {
        total: res.data.total_count,
        runs: res.data.workflow_runs.map(trimRun),
        ...nextPageOf(res.headers),
      };
    }
    const run_id = Number(input.run_id ?? input.resource_id);
    if (!Number.isInteger(run_id) || run_id < 1)
      throw new InvalidInputError(`${input.method} needs a numeric run_id (or resource_id).`);
    if (input.method === 'list_workflow_run_artifacts') {
      const res = await gh.rest.actions.listWorkflowRunArtifacts({ ...where, run_id });
      return {
        total: res.data.total_count,
        artifacts: res.data.artifacts.map(trimArtifact),
        ...nextPageOf(res.headers),
      };
    }
    const filter = input.workflow_jobs_filter?.filter;
    const res = await gh.rest.actions.listJobsForWorkflowRun({ ...where, run_id, ...(filter && { filter }) });
    return { total: res.data.total_count, jobs: res.data.jobs.map(trimJob), ...nextPageOf(res.headers) };
  },
});
