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
});
