import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('context and users toolsets', () => {
  const h = useHarness();

  it('get_me describes the token owner', async () => {
    const me = await h.call('get_me');
    expect(me.structured).toMatchObject({ login: 'octocat', name: 'The Octocat' });
  });

  it('get_teams and get_team_members', async () => {
    expect((await h.call('get_teams')).structured).toMatchObject({
      teams: [{ org: 'octo-org', slug: 'core' }],
    });
    expect(
      (await h.call('get_team_members', { org: 'octo-org', team_slug: 'core' })).structured,
    ).toMatchObject({ members: ['octocat', 'alice'] });
  });

  it('search_users', async () => {
    expect((await h.call('search_users', { query: 'ali' })).structured).toMatchObject({
      total: 1,
      users: [{ login: 'alice' }],
    });
  });
});
