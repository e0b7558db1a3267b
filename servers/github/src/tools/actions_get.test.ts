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
});
