import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('get_team_members', () => {
  const h = useHarness();

  it('lists the logins of a team', async () => {
    expect(
      (await h.call('get_team_members', { org: 'octo-org', team_slug: 'core' })).structured,
    ).toMatchObject({ members: ['octocat', 'alice'] });
  });
});
