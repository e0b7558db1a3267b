import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('create_repository', () => {
  const h = useHarness();

  it("creates a repository for the token's user", async () => {
    const created = await h.call('create_repository', { name: 'brand-new', private: true });
    expect(created.structured).toMatchObject({ fullName: 'octocat/brand-new', private: true });
  });

  it('creates a repository in an organization the user belongs to', async () => {
    const created = await h.call('create_repository', { name: 'team-tool', organization: 'octo-org' });
    expect(created.structured).toMatchObject({ fullName: 'octo-org/team-tool', private: false });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({ method: 'POST', path: '/orgs/octo-org/repos' });
    const elsewhere = await h.call('create_repository', { name: 'x', organization: 'not-mine' });
    expect(elsewhere.isError).toBe(true);
  });
});
