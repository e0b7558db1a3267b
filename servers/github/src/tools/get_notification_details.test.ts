import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('get_notification_details', () => {
  const h = useHarness();

  it('returns one thread of the token owner', async () => {
    const res = await h.call('get_notification_details', { notificationID: '1' });
    expect(res.isError, res.text).toBe(false);
    expect(res.structured).toMatchObject({ id: '1', repo: 'octocat/hello-world', unread: true });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({ method: 'GET', path: '/notifications/threads/1' });
  });

  it('refuses an id that is not a number', async () => {
    const res = await h.call('get_notification_details', { notificationID: '../user' });
    expect(res.isError).toBe(true);
  });
});
