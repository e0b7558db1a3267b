import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('manage_repository_notification_subscription', () => {
  const h = useHarness();

  it('watches, ignores and deletes the subscription of a repository', async () => {
    const where = { owner: 'octocat', repo: 'hello-world' };
    const key = 'octocat|octocat/hello-world';
    await h.call('manage_repository_notification_subscription', { ...where, action: 'watch' });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'PUT',
      path: '/repos/octocat/hello-world/subscription',
      body: { subscribed: true, ignored: false },
      token: TOKEN,
    });
    await h.call('manage_repository_notification_subscription', { ...where, action: 'ignore' });
    expect(h.fake.gh.repoSubscriptions.get(key)).toMatchObject({ ignored: true, subscribed: false });
    await h.call('manage_repository_notification_subscription', { ...where, action: 'delete' });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/repos/octocat/hello-world/subscription',
    });
    expect(h.fake.gh.repoSubscriptions.has(key)).toBe(false);
  });
});
