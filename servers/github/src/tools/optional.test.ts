import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('labels toolset', () => {
  const h = useHarness();

  it('get_label, list_label and label_write', async () => {
    expect((await h.call('get_label', { ...where, name: 'bug' })).structured).toMatchObject({
      name: 'bug',
      color: 'd73a4a',
    });
    expect((await h.call('list_label', { ...where, issue_number: 1 })).structured).toMatchObject({
      labels: [{ name: 'bug' }],
    });
    const created = await h.call('label_write', {
      ...where,
      method: 'create',
      name: 'docs',
      color: '0075ca',
    });
    expect(created.structured).toMatchObject({ label: { name: 'docs' } });
    const updated = await h.call('label_write', {
      ...where,
      method: 'update',
      name: 'docs',
      new_name: 'documentation',
    });
    expect(updated.structured).toMatchObject({ label: { name: 'documentation' } });
    expect(
      (await h.call('label_write', { ...where, method: 'delete', name: 'documentation', confirm: true }))
        .structured,
    ).toEqual({ deleted: true });
    expect((await h.call('list_label', where)).structured?.labels).toHaveLength(2);
  });
});

describe('notifications toolset', () => {
  const h = useHarness();

  it('list_notifications, dismiss_notification and mark_all_notifications_read', async () => {
    const list = await h.call('list_notifications');
    expect(list.structured).toMatchObject({
      notifications: [
        { id: '1', type: 'Issue' },
        { id: '2', type: 'PullRequest' },
      ],
    });
    expect((await h.call('dismiss_notification', { threadID: '1', state: 'read' })).isError).toBe(false);
    expect((await h.call('dismiss_notification', { threadID: '2', state: 'done' })).isError).toBe(false);
    expect((await h.call('list_notifications')).structured).toMatchObject({ notifications: [] });
    const all = await h.call('list_notifications', { filter: 'include_read_notifications', ...where });
    expect(all.structured).toMatchObject({ notifications: [{ id: '1', unread: false }] });
    expect((await h.call('mark_all_notifications_read', where)).structured).toEqual({
      scope: 'octocat/hello-world',
    });
    expect((await h.call('mark_all_notifications_read')).structured).toEqual({ scope: 'all' });
  });
});

describe('gists toolset', () => {
  const h = useHarness();

  it('list_gists, get_gist, create_gist and update_gist', async () => {
    expect((await h.call('list_gists')).structured).toMatchObject({
      gists: [{ description: 'Hello world snippet', files: ['hello.md'] }],
    });
    expect((await h.call('list_gists', { username: 'octocat' })).structured?.gists).toHaveLength(1);
    const created = await h.call('create_gist', { description: 'notes', files: { 'n.txt': 'one' } });
    expect(created.isError, created.text).toBe(false);
    const id = created.structured?.id as string;
    expect((await h.call('update_gist', { gist_id: id, files: { 'n.txt': 'two' } })).isError).toBe(false);
    expect((await h.call('get_gist', { gist_id: id })).structured).toMatchObject({
      owner: 'octocat',
      files: [{ name: 'n.txt', content: 'two' }],
    });
  });
});

describe('actions toolset', () => {
  const h = useHarness();

  it('lists workflows, runs and jobs, gets each, and tails the failed job logs', async () => {
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
    expect(
      (await h.call('actions_get', { ...where, method: 'get_workflow', resource_id: 'ci.yml' })).structured,
    ).toMatchObject({ workflow: { name: 'CI' } });
    expect(
      (await h.call('actions_get', { ...where, method: 'get_workflow_run', resource_id: runId })).structured,
    ).toMatchObject({ run: { id: runId } });
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

  it('actions_run_trigger dispatches, reruns and cancels', async () => {
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

describe('code_security, secret_protection and dependabot toolsets', () => {
  const h = useHarness();

  it('list and get alerts of each kind, without secret values', async () => {
    const code = await h.call('list_code_scanning_alerts', { ...where, state: 'open' });
    expect(code.structured).toMatchObject({
      alerts: [{ number: 1, title: 'js/xss', severity: 'high', path: 'src/index.ts' }],
    });
    expect((await h.call('get_code_scanning_alert', { ...where, alertNumber: 1 })).structured).toMatchObject({
      title: 'js/xss',
    });
    const secrets = await h.call('list_secret_scanning_alerts', where);
    expect(secrets.structured).toMatchObject({ alerts: [{ title: 'github_personal_access_token' }] });
    expect(secrets.text).not.toContain('redacted');
    expect((await h.call('get_secret_scanning_alert', { ...where, alertNumber: 1 })).isError).toBe(false);
    const deps = await h.call('list_dependabot_alerts', { ...where, severity: 'critical' });
    expect(deps.structured).toMatchObject({ alerts: [{ title: 'left-pad', path: 'package-lock.json' }] });
    expect((await h.call('get_dependabot_alert', { ...where, alertNumber: 1 })).structured).toMatchObject({
      state: 'open',
    });
  });
});
