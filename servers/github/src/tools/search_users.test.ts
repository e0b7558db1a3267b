import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('search_users', () => {
  const h = useHarness();

  it('finds users by login', async () => {
    expect((await h.call('search_users', { query: 'ali' })).structured).toMatchObject({
      total: 1,
      users: [{ login: 'alice' }],
    });
  });
});
