import { InvalidInputError, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { stripInvisible } from '../sanitize.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'get_job_logs',
  title: 'Get job logs',
  description:
    "The last tail_lines of a job's log (job_id), or of every failed job in a run (run_id, failed_only); return_content false gives download URLs.",
  inputSchema: z.object({
    owner,
    repo,
    job_id: z.number().optional(),
    run_id: z.number().optional(),
    failed_only: z.boolean().default(true),
    tail_lines: z.number().min(1).max(5000).default(200),
    return_content: z.boolean().default(true),
  }),
  outputSchema: z.object({
    logs: z.array(
      z.object({
        jobId: z.number(),
        name: z.string().optional(),
        totalLines: z.number().optional(),
        log: z.string().optional(),
        logsUrl: z.string().optional().describe('Short-lived plain-text download'),
      }),
    ),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'actions',
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
      if (!input.return_content) {
        // The redirect's target is the log's download URL; not following it skips the download.
        const res = await gh.rest.actions.downloadJobLogsForWorkflowRun({
          ...where,
          job_id: job.id,
          request: { signal: ctx.signal, redirect: 'manual' },
        });
        const url = res.headers.location;
        if (!url) throw new Error(`GitHub gave no log URL for job ${job.id}.`);
        logs.push({ jobId: job.id, ...(job.name && { name: job.name }), logsUrl: url });
        continue;
      }
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
      .map((l) =>
        l.logsUrl
          ? `job ${l.jobId}${l.name ? ` ${l.name}` : ''}: ${l.logsUrl}`
          : `== job ${l.jobId}${l.name ? ` ${l.name}` : ''} (last lines of ${l.totalLines}) ==\n${l.log}`,
      )
      .join('\n') || 'No matching jobs.',
});
