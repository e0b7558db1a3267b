import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('get_job_logs', () => {
  const h = useHarness();

  it('tails the logs of the failed jobs of a run', async () => {
    const runs = await h.call('actions_list', { ...where, method: 'list_workflow_runs' });
    const runId = ((runs.structured?.runs ?? []) as Array<{ id: number }>)[0]?.id;
    const logs = await h.call('get_job_logs', { ...where, run_id: runId, tail_lines: 2 });
    expect(logs.structured).toMatchObject({
      logs: [
        {
          name: 'test',
          totalLines: 202,
          log: 'Error: expected "Hello" but got "Hi"\n##[error]Process completed with exit code 1.',
        },
      ],
    });
  });

  it('gives the download URLs instead, without downloading, when return_content is false', async () => {
    const runs = await h.call('actions_list', { ...where, method: 'list_workflow_runs' });
    const runId = ((runs.structured?.runs ?? []) as Array<{ id: number }>)[0]?.id;
    const before = h.fake.gh.calls.length;
    const logs = await h.call('get_job_logs', { ...where, run_id: runId, return_content: false });
    const [only] = (logs.structured?.logs ?? []) as Array<Record<string, unknown>>;
    expect(only).toMatchObject({ name: 'test', logsUrl: expect.stringMatching(/\/_logs\/\d+$/) });
    expect(only).not.toHaveProperty('log');
    expect(logs.text).toContain(String(only?.logsUrl));
    expect(h.fake.gh.calls.slice(before).some((c) => c.path.startsWith('/_logs/'))).toBe(false);
  });
});
