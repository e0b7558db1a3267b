import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('get_teams', () => {
  const h = useHarness();

  it("lists the user's teams in every organization", async () => {
    expect((await h.call('get_teams')).structured).toMatchObject({
      teams: [{ org: 'octo-org', slug: 'core' }],
    });
  });

  it("lists another user's teams over GraphQL", async () => {
    const alice = await h.call('get_teams', { user: 'alice' });
    expect(alice.structured).toEqual({ teams: [{ org: 'octo-org', slug: 'core', name: 'core' }] });
    expect(h.fake.gh.graphqlCalls.at(-1)?.variables).toMatchObject({ login: 'alice' });
    expect((await h.call('get_teams', { user: 'mallory' })).structured).toEqual({ teams: [] });
    const nobody = await h.call('get_teams', { user: 'no-such-user' });
    expect(nobody).toMatchObject({ isError: true, text: expect.stringContaining('no-such-user') });
  });
});
