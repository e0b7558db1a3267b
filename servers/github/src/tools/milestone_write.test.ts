import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('milestone_write', () => {
  const h = useHarness();

  it('creates, updates and closes a milestone', async () => {
    const created = await h.call('milestone_write', {
      ...where,
      method: 'create',
      title: 'v2.0',
      due_on: '2026-06-30T00:00:00Z',
    });
    expect(created.structured).toMatchObject({
      number: 1,
      title: 'v2.0',
      state: 'open',
      dueOn: '2026-06-30T00:00:00Z',
    });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/repos/octocat/hello-world/milestones',
      body: { title: 'v2.0', due_on: '2026-06-30T00:00:00Z' },
      token: TOKEN,
    });
    const updated = await h.call('milestone_write', {
      ...where,
      method: 'update',
      milestone_number: 1,
      description: 'The big one',
      due_on: null,
    });
    expect(updated.structured).toMatchObject({ description: 'The big one', dueOn: null });
    const closed = await h.call('milestone_write', { ...where, method: 'close', milestone_number: 1 });
    expect(closed.structured).toMatchObject({ state: 'closed' });
    expect(h.fake.gh.calls.at(-1)?.body).toEqual({ state: 'closed' });
  });

  it('says what each method needs', async () => {
    expect((await h.call('milestone_write', { ...where, method: 'create' })).text).toContain(
      'create needs title',
    );
    expect((await h.call('milestone_write', { ...where, method: 'close' })).text).toContain(
      'close needs milestone_number',
    );
  });
});
