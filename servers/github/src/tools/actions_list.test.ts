import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('actions_list', () => {
  const h = useHarness();

  it('lists workflows, runs and jobs', async () => {
    const workflows = await h.call('actions_list', { ...where, method: 'list_workflows' });
    expect(workflows.structured).toMatchObject({
      total: 1,
      workflows: [{ name: 'CI', path: '.github/workflows/ci.yml' }],
    });
    const runs = await h.call('actions_list', { ...where, method: 'list_workflow_runs' });
    expect(runs.structured).toMatchObject({ runs: [{ workflow: 'CI', conclusion: 'failure' }] });
    const runId = ((runs.structured?.runs ?? []) as Array<{ id: number }>)[0]?.id;
    const jobs = await h.call('actions_list', { ...where, method: 'list_workflow_jobs', run_id: runId });
    expect(jobs.structured).toMatchObject({
      jobs: [{ name: 'lint' }, { name: 'test', conclusion: 'failure', failedSteps: ['Run tests'] }],
    });
  });
});
