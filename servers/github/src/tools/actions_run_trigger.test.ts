import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

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
});
