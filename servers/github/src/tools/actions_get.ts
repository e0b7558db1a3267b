import { InvalidInputError, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { owner, repo } from '../tool-args.js';
import {
  idOrName,
  jobOut,
  redirectTarget,
  runOut,
  trimJob,
  trimRun,
  trimUsage,
  trimWorkflow,
  usageOut,
  workflowOut,
} from '../workflows.js';

export default defineTool({
  name: 'actions_get',
  title: 'Get Actions workflow, run or job',
  description:
    'method get_workflow (resource_id: id or file name), get_workflow_run or get_workflow_job (numeric id).',
  inputSchema: z.object({
    method: z.enum([
      'get_workflow',
      'get_workflow_run',
      'get_workflow_job',
      'download_workflow_run_artifact',
      'get_workflow_run_usage',
      'get_workflow_run_logs_url',
    ]),
    owner,
    repo,
    resource_id: idOrName,
  }),
  outputSchema: z.object({
    workflow: workflowOut.optional(),
    run: runOut.optional(),
    job: jobOut.optional(),
    usage: usageOut.optional(),
    downloadUrl: z.string().optional().describe('short-lived; a zip archive'),
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
    if (input.method === 'get_workflow_run_usage') {
      const { data } = await gh.rest.actions.getWorkflowRunUsage({ ...where, run_id: numeric });
      return { usage: trimUsage(data) };
    }
    // Both answer with a redirect to a short-lived archive URL: the URL is the answer, not the zip.
    const manual = { ...where.request, redirect: 'manual' as const };
    if (input.method === 'download_workflow_run_artifact') {
      const res = await gh.rest.actions.downloadArtifact({
        ...where,
        artifact_id: numeric,
        archive_format: 'zip',
        request: manual,
      });
      return { downloadUrl: redirectTarget(res.headers) };
    }
    if (input.method === 'get_workflow_run_logs_url') {
      const res = await gh.rest.actions.downloadWorkflowRunLogs({
        ...where,
        run_id: numeric,
        request: manual,
      });
      return { downloadUrl: redirectTarget(res.headers) };
    }
    if (input.method === 'get_workflow_run')
      return { run: trimRun((await gh.rest.actions.getWorkflowRun({ ...where, run_id: numeric })).data) };
    return { job: trimJob((await gh.rest.actions.getJobForWorkflowRun({ ...where, job_id: numeric })).data) };
  },
});
