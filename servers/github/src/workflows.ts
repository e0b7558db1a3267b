import { UpstreamError } from '@refmcp/core';
import * as z from 'zod';
import { text } from './sanitize.js';

/** Actions workflows, runs and jobs, trimmed to what a model needs to follow a CI failure. */

/** A workflow's numeric id or file name. */
export const idOrName = z.union([z.number(), z.string()]);

export const workflowOut = z.object({
  id: z.number(),
  name: z.string(),
  path: z.string(),
  state: z.string(),
});
export const runOut = z.object({
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
export const jobOut = z.object({
  id: z.number(),
  name: z.string(),
  status: z.string(),
  conclusion: z.string().nullable(),
  failedSteps: z.array(z.string()),
});

export const trimWorkflow = (w: { id: number; name: string; path: string; state: string }) => ({
  id: w.id,
  name: w.name,
  path: w.path,
  state: w.state,
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
export const trimRun = (r: RunData) => ({
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
export const trimJob = (j: JobData) => ({
  id: j.id,
  name: j.name,
  status: j.status,
  conclusion: j.conclusion,
  failedSteps: (j.steps ?? []).filter((s) => s.conclusion === 'failure').map((s) => s.name),
});

/** Billable time of a run per runner OS, and its wall-clock duration. */
export const usageOut = z.object({
  runDurationMs: z.number().optional(),
  billable: z.record(z.string(), z.object({ totalMs: z.number(), jobs: z.number() })),
});

type UsageData = {
  billable: Record<string, { total_ms: number; jobs: number } | undefined>;
  run_duration_ms?: number;
};
export const trimUsage = (u: UsageData) => ({
  ...(u.run_duration_ms !== undefined && { runDurationMs: u.run_duration_ms }),
  billable: Object.fromEntries(
    Object.entries(u.billable).flatMap(([os, b]) => (b ? [[os, { totalMs: b.total_ms, jobs: b.jobs }]] : [])),
  ),
});

/** The Location of a redirect GitHub answers with, which must be there. */
export function redirectTarget(headers: { location?: string | undefined }): string {
  if (!headers.location) throw new UpstreamError('GitHub gave no download URL for this archive.');
  return headers.location;
}

export const artifactOut = z.object({
  id: z.number(),
  name: z.string(),
  sizeBytes: z.number(),
  expired: z.boolean(),
});
export const trimArtifact = (a: { id: number; name: string; size_in_bytes: number; expired: boolean }) => ({
  id: a.id,
  name: a.name,
  sizeBytes: a.size_in_bytes,
  expired: a.expired,
});
