import { InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { stripInvisible } from '../sanitize.js';
import {
  defineTool,
  type GitHubTool,
  nextPage,
  nextPageOf,
  owner,
  pageParams,
  paging,
  READ,
  repo,
  text,
  WRITE,
} from './common.js';

const id = z.union([z.number(), z.string()]);
const workflowOut = z.object({ id: z.number(), name: z.string(), path: z.string(), state: z.string() });
const runOut = z.object({
  id: z.number(),
  workflow: z.string().nullable(),
  title: z.string(),
  branch: z.string().nullable(),
  event: z.string(),
  status: z.string().nullable(),
  conclusion: z.string().nullable(),
  created: z.string(),
  url: z.string(),
});
const jobOut = z.object({
  id: z.number(),
  name: z.string(),
  status: z.string(),
  conclusion: z.string().nullable(),
  failedSteps: z.array(z.string()),
});

type RunData = {
  id: number;
  name?: string | null;
  display_title: string;
  head_branch: string | null;
  event: string;
  status: string | null;
  conclusion: string | null;
  created_at: string;
  html_url: string;
};
const trimRun = (r: RunData) => ({
  id: r.id,
  workflow: r.name ?? null,
  title: text(r.display_title) ?? '',
  branch: r.head_branch,
  event: r.event,
  status: r.status,
  conclusion: r.conclusion,
  created: r.created_at,
  url: r.html_url,
});
type JobData = {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  steps?: Array<{ name: string; conclusion: string | null }>;
};
const trimJob = (j: JobData) => ({
  id: j.id,
  name: j.name,
  status: j.status,
  conclusion: j.conclusion,
  failedSteps: (j.steps ?? []).filter((s) => s.conclusion === 'failure').map((s) => s.name),
});

const actionsList = defineTool({
  name: 'actions_list',
  title: 'List Actions workflows, runs or jobs',
  description:
    'method list_workflows, list_workflow_runs (optional workflow_id, status) or list_workflow_jobs (run_id).',
  inputSchema: z.object({
    method: z.enum(['list_workflows', 'list_workflow_runs', 'list_workflow_jobs']),
    owner,
    repo,
    workflow_id: id.optional(),
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
  annotations: READ,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = {
      owner: input.owner,
      repo: input.repo,
      ...pageParams(input),
      request: { signal: ctx.signal },
    };
    if (input.method === 'list_workflows') {
      const res = await gh.rest.actions.listRepoWorkflows(where);
      return {
        total: res.data.total_count,
        workflows: res.data.workflows.map((w) => ({ id: w.id, name: w.name, path: w.path, state: w.state })),
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

const actionsGet = defineTool({
  name: 'actions_get',
  title: 'Get Actions workflow, run or job',
  description:
    'method get_workflow (resource_id: id or file name), get_workflow_run or get_workflow_job (numeric id).',
  inputSchema: z.object({
    method: z.enum(['get_workflow', 'get_workflow_run', 'get_workflow_job']),
    owner,
    repo,
    resource_id: id,
  }),
  outputSchema: z.object({
    workflow: workflowOut.optional(),
    run: runOut.optional(),
    job: jobOut.optional(),
  }),
  annotations: READ,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo, request: { signal: ctx.signal } };
    if (input.method === 'get_workflow') {
      const { data: w } = await gh.rest.actions.getWorkflow({ ...where, workflow_id: input.resource_id });
      return { workflow: { id: w.id, name: w.name, path: w.path, state: w.state } };
    }
    const numeric = Number(input.resource_id);
    if (!Number.isInteger(numeric))
      throw new InvalidInputError(`${input.method} needs a numeric resource_id.`);
    if (input.method === 'get_workflow_run')
      return { run: trimRun((await gh.rest.actions.getWorkflowRun({ ...where, run_id: numeric })).data) };
    return { job: trimJob((await gh.rest.actions.getJobForWorkflowRun({ ...where, job_id: numeric })).data) };
  },
});

const getJobLogs = defineTool({
  name: 'get_job_logs',
  title: 'Get job logs',
  description:
    "The last tail_lines of a job's log (job_id), or of every failed job in a run (run_id, failed_only).",
  inputSchema: z.object({
    owner,
    repo,
    job_id: z.number().optional(),
    run_id: z.number().optional(),
    failed_only: z.boolean().default(true),
    tail_lines: z.number().min(1).max(5000).default(200),
  }),
  outputSchema: z.object({
    logs: z.array(
      z.object({ jobId: z.number(), name: z.string().optional(), totalLines: z.number(), log: z.string() }),
    ),
  }),
  annotations: READ,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo };
    let jobs: Array<{ id: number; name?: string }>;
    if (input.job_id) jobs = [{ id: input.job_id }];
    else if (input.run_id) {
      const res = await gh.rest.actions.listJobsForWorkflowRun({
        ...where,
        run_id: input.run_id,
        per_page: 100,
      });
      jobs = res.data.jobs.filter((j) => !input.failed_only || j.conclusion === 'failure');
    } else throw new InvalidInputError('Pass job_id, or run_id for the failed jobs of a run.');
    const logs = [];
    for (const job of jobs) {
      // GitHub answers with a redirect to the log file; Octokit follows it and returns the text.
      const res = await gh.rest.actions.downloadJobLogsForWorkflowRun({
        ...where,
        job_id: job.id,
        request: { signal: ctx.signal },
      });
      const lines = stripInvisible(String(res.data)).replace(/\n$/, '').split('\n');
      logs.push({
        jobId: job.id,
        ...(job.name && { name: job.name }),
        totalLines: lines.length,
        log: lines.slice(-input.tail_lines).join('\n'),
      });
    }
    return { logs };
  },
  render: (out) =>
    out.logs
      .map(
        (l) => `== job ${l.jobId}${l.name ? ` ${l.name}` : ''} (last lines of ${l.totalLines}) ==\n${l.log}`,
      )
      .join('\n') || 'No matching jobs.',
});

const actionsRunTrigger = defineTool({
  name: 'actions_run_trigger',
  title: 'Run, rerun or cancel a workflow',
  description:
    'method run_workflow (workflow_id, ref, inputs), rerun_workflow_run or cancel_workflow_run (run_id).',
  inputSchema: z.object({
    method: z.enum(['run_workflow', 'rerun_workflow_run', 'cancel_workflow_run']),
    owner,
    repo,
    workflow_id: id.optional(),
    ref: z.string().optional(),
    inputs: z.record(z.string(), z.string()).optional(),
    run_id: z.number().optional(),
  }),
  outputSchema: z.object({ method: z.string(), accepted: z.boolean() }),
  annotations: WRITE,
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
      if (input.method === 'rerun_workflow_run')
        await gh.rest.actions.reRunWorkflow({ ...where, run_id: input.run_id });
      else await gh.rest.actions.cancelWorkflowRun({ ...where, run_id: input.run_id });
    }
    return { method: input.method, accepted: true };
  },
});

export const actionTools: GitHubTool[] = [actionsList, actionsGet, getJobLogs, actionsRunTrigger];
