import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('list_issue_types', () => {
  const h = useHarness();

  it("lists an organization's issue types, and a repository's", async () => {
    const org = await h.call('list_issue_types', { owner: 'octo-org' });
    expect(org.structured).toMatchObject({ types: [{ name: 'Bug', color: 'red' }, { name: 'Feature' }] });
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/orgs/octo-org/issue-types');
    const repo = await h.call('list_issue_types', { owner: 'octo-org', repo: 'tools' });
    expect(repo.structured).toEqual(org.structured);
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/repos/octo-org/tools/issue-types');
  });
});
