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

  it("lists a run's artifacts, and filters runs and jobs in github-mcp-server's argument names", async () => {
    const run = h.fake.gh.runs[0];
    const artifacts = await h.call('actions_list', {
      ...where,
      method: 'list_workflow_run_artifacts',
      resource_id: String(run?.id),
    });
    expect(artifacts.structured).toEqual({
      total: 1,
      artifacts: [{ id: h.fake.gh.artifacts[0]?.id, name: 'coverage', sizeBytes: 2048, expired: false }],
    });
    await h.call('actions_list', {
      ...where,
      method: 'list_workflow_runs',
      resource_id: 'ci.yml',
      workflow_runs_filter: { branch: 'main', event: 'push', status: 'completed' },
      per_page: 5,
    });
    const runs = h.fake.gh.calls.at(-1);
    expect(runs?.path).toBe('/repos/octocat/hello-world/actions/workflows/ci.yml/runs');
    expect(Object.fromEntries(new URLSearchParams(runs?.query))).toMatchObject({
      branch: 'main',
      event: 'push',
      status: 'completed',
      per_page: '5',
    });
    await h.call('actions_list', {
      ...where,
      method: 'list_workflow_jobs',
      resource_id: run?.id,
      workflow_jobs_filter: { filter: 'latest' },
    });
    expect(h.fake.gh.calls.at(-1)?.query).toContain('filter=latest');
  });
});
