import { callTool, connectInProcess } from '@refmcp/core/testing';
import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { elicitingClient, quietLogger, testConfig, useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('actions_run_trigger', () => {
  const h = useHarness();

  it('dispatches, reruns and cancels', async () => {
    expect(
      (
        await h.call('actions_run_trigger', {
          ...where,
          method: 'run_workflow',
          workflow_id: 'ci.yml',
          ref: 'main',
        })
      ).isError,
    ).toBe(false);
    const runs = await h.call('actions_list', { ...where, method: 'list_workflow_runs', status: 'queued' });
    const runId = ((runs.structured?.runs ?? []) as Array<{ id: number }>)[0]?.id;
    expect(
      (await h.call('actions_run_trigger', { ...where, method: 'cancel_workflow_run', run_id: runId }))
        .isError,
    ).toBe(false);
    expect(
      (await h.call('actions_run_trigger', { ...where, method: 'rerun_workflow_run', run_id: runId }))
        .isError,
    ).toBe(false);
  });

  it('reruns only the failed jobs of a run', async () => {
    const run = h.fake.gh.runs.find((r) => r.conclusion === 'failure');
    const res = await h.call('actions_run_trigger', {
      ...where,
      method: 'rerun_failed_jobs',
      run_id: run?.id,
    });
    expect(res.structured).toEqual({ method: 'rerun_failed_jobs', accepted: true });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: `/repos/octocat/hello-world/actions/runs/${run?.id}/rerun-failed-jobs`,
      token: TOKEN,
    });
  });

  it("deletes a run's logs only once the user approves", async () => {
    const runId = h.fake.gh.runs[0]?.id ?? 0;
    let answer: 'accept' | 'decline' = 'decline';
    const { asked, options } = elicitingClient(() => answer);
    const app = createApp(testConfig(h.fake.apiUrl), { logger: quietLogger() });
    const client = await connectInProcess(app, options);
    try {
      const args = { ...where, method: 'delete_workflow_run_logs', run_id: runId };
      expect((await callTool(client, 'actions_run_trigger', args)).isError).toBe(true);
      expect(h.fake.gh.logsDeleted.has(runId)).toBe(false);
      answer = 'accept';
      expect((await callTool(client, 'actions_run_trigger', args)).isError).toBe(false);
      expect(asked[0]).toContain(`Delete the logs of workflow run ${runId} in octocat/hello-world`);
      expect(h.fake.gh.logsDeleted.has(runId)).toBe(true);
    } finally {
      await client.close();
      await app.close();
    }
  });
});
