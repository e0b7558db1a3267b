import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_milestones', () => {
  const h = useHarness();

  it('lists milestones by state with their issue counts', async () => {
    await h.call('milestone_write', { ...where, method: 'create', title: 'v1.1' });
    await h.call('milestone_write', { ...where, method: 'create', title: 'v0.9' });
    await h.call('milestone_write', { ...where, method: 'close', milestone_number: 2 });
    await h.call('issue_write', { ...where, method: 'update', issue_number: 1, milestone: 1 });
    const open = await h.call('list_milestones', where);
    expect(open.structured).toMatchObject({ milestones: [{ number: 1, title: 'v1.1', openIssues: 1 }] });
    const all = await h.call('list_milestones', { ...where, state: 'all', direction: 'desc' });
    expect(((all.structured?.milestones ?? []) as Array<{ title: string }>).map((m) => m.title)).toEqual([
      'v0.9',
      'v1.1',
    ]);
    expect(h.fake.gh.calls.at(-1)?.query).toContain('state=all');
  });
});
