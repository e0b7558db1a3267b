import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('list_issue_fields', () => {
  const h = useHarness();

  it("lists an organization's issue fields with their options", async () => {
    const res = await h.call('list_issue_fields', { owner: 'octo-org', repo: 'tools' });
    expect(res.structured).toEqual({
      fields: [
        { name: 'Priority', type: 'single_select', description: null, options: ['P1', 'P2'] },
        { name: 'Estimate', type: 'number', description: 'Days of work' },
      ],
    });
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/orgs/octo-org/issue-fields');
  });

  it('fails with a 404 for an account without issue fields', async () => {
    const res = await h.call('list_issue_fields', { owner: 'octocat' });
    expect(res.isError).toBe(true);
  });
});
