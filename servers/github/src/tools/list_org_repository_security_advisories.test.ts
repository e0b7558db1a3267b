import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('list_org_repository_security_advisories', () => {
  const h = useHarness();

  it('hides drafts of repositories the token cannot push to', async () => {
    const res = await h.call('list_org_repository_security_advisories', {
      org: 'octo-org',
      sort: 'published',
    });
    expect(res.structured).toEqual({ advisories: [] });
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/orgs/octo-org/security-advisories');
  });

  it('shows them to someone who can push', async () => {
    h.fake.gh.repo('octo-org', 'tools')?.collaborators.set('octocat', 'admin');
    const res = await h.call('list_org_repository_security_advisories', { org: 'octo-org', state: 'draft' });
    expect(res.structured).toMatchObject({ advisories: [{ ghsaId: 'GHSA-p6mc-7x9r-h4jq', state: 'draft' }] });
  });
});
