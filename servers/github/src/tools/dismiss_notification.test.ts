import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('dismiss_notification', () => {
  const h = useHarness();

  it('marks a thread read, or done; a read one is still listed with include_read_notifications', async () => {
    expect((await h.call('dismiss_notification', { threadID: '1', state: 'read' })).isError).toBe(false);
    expect((await h.call('dismiss_notification', { threadID: '2', state: 'done' })).isError).toBe(false);
    expect((await h.call('list_notifications')).structured).toMatchObject({ notifications: [] });
    const all = await h.call('list_notifications', { filter: 'include_read_notifications', ...where });
    expect(all.structured).toMatchObject({ notifications: [{ id: '1', unread: false }] });
  });
});
