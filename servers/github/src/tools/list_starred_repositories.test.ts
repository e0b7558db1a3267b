import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('list_starred_repositories', () => {
  const h = useHarness();

  it("lists your stars, or another user's", async () => {
    h.fake.gh.starred.set('alice', new Set(['octo-org/tools']));
    h.fake.gh.starred.set('octocat', new Set(['octocat/hello-world']));
    expect((await h.call('list_starred_repositories')).structured).toMatchObject({
      repos: [{ fullName: 'octocat/hello-world' }],
    });
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/user/starred');
    const alice = await h.call('list_starred_repositories', { username: 'alice', sort: 'created' });
    expect(alice.structured).toMatchObject({ repos: [{ fullName: 'octo-org/tools' }] });
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/users/alice/starred');
  });
});
