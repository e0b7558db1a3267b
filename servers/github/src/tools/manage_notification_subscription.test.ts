import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('manage_notification_subscription', () => {
  const h = useHarness();

  it('ignores, watches and deletes the subscription of a thread', async () => {
    const key = 'octocat|1';
    await h.call('manage_notification_subscription', { notificationID: '1', action: 'ignore' });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'PUT',
      path: '/notifications/threads/1/subscription',
      body: { ignored: true },
      token: TOKEN,
    });
    expect(h.fake.gh.threadSubscriptions.get(key)).toMatchObject({ ignored: true, subscribed: false });
    await h.call('manage_notification_subscription', { notificationID: '1', action: 'watch' });
    expect(h.fake.gh.threadSubscriptions.get(key)).toMatchObject({ ignored: false, subscribed: true });
    const res = await h.call('manage_notification_subscription', { notificationID: '1', action: 'delete' });
    expect(res.structured).toEqual({ notificationID: '1', action: 'delete' });
    expect(h.fake.gh.calls.at(-1)?.method).toBe('DELETE');
    expect(h.fake.gh.threadSubscriptions.has(key)).toBe(false);
  });
});
