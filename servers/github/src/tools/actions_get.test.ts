import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('actions_get', () => {
  const h = useHarness();

  it('gets a workflow by file name and a run by id', async () => {
    const runs = await h.call('actions_list', { ...where, method: 'list_workflow_runs' });
    const runId = ((runs.structured?.runs ?? []) as Array<{ id: number }>)[0]?.id;
    expect(
      (await h.call('actions_get', { ...where, method: 'get_workflow', resource_id: 'ci.yml' })).structured,
    ).toMatchObject({ workflow: { name: 'CI' } });
    expect(
      (await h.call('actions_get', { ...where, method: 'get_workflow_run', resource_id: runId })).structured,
    ).toMatchObject({ run: { id: runId } });
  });

  it("gives a run's billable usage and the short-lived URLs of its logs and artifacts", async () => {
    const run = h.fake.gh.runs[0];
    const artifact = h.fake.gh.artifacts[0];
    const usage = await h.call('actions_get', {
      ...where,
      method: 'get_workflow_run_usage',
      resource_id: run?.id,
    });
    expect(usage.structured).toEqual({
      usage: { runDurationMs: 90_000, billable: { UBUNTU: { totalMs: 120_000, jobs: 2 } } },
    });
    const logs = await h.call('actions_get', {
      ...where,
      method: 'get_workflow_run_logs_url',
      resource_id: run?.id,
    });
    expect(logs.isError, logs.text).toBe(false);
    expect(logs.structured?.downloadUrl).toMatch(new RegExp(`/_blobs/logs-${run?.id}\\.zip$`));
    const zip = await h.call('actions_get', {
      ...where,
      method: 'download_workflow_run_artifact',
      resource_id: String(artifact?.id),
    });
    expect(zip.structured?.downloadUrl).toMatch(new RegExp(`/_blobs/artifact-${artifact?.id}\\.zip$`));
    // The URL is the answer: the archive itself is not fetched.
    expect(h.fake.gh.calls.some((c) => c.path.startsWith('/_blobs/'))).toBe(false);
  });

  it('needs a numeric id for run methods', async () => {
    const res = await h.call('actions_get', {
      ...where,
      method: 'get_workflow_run_usage',
      resource_id: 'ci.yml',
    });
    expect(res.text).toContain('needs a numeric resource_id');
  });
});
