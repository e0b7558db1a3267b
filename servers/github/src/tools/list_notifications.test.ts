import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('list_notifications', () => {
  const h = useHarness();

  it('lists the unread threads', async () => {
    const list = await h.call('list_notifications');
    expect(list.structured).toMatchObject({
      notifications: [
        { id: '1', type: 'Issue' },
        { id: '2', type: 'PullRequest' },
      ],
    });
  });

  it('lists only threads updated before a time', async () => {
    const none = await h.call('list_notifications', { before: '2000-01-01T00:00:00Z' });
    expect(none.structured).toMatchObject({ notifications: [] });
    expect(h.fake.gh.calls.at(-1)?.query).toContain('before=2000-01-01T00%3A00%3A00Z');
    const all = await h.call('list_notifications', { before: '2999-01-01T00:00:00Z' });
    expect((all.structured as { notifications: unknown[] }).notifications.length).toBeGreaterThan(0);
  });
});
