import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('list_repository_security_advisories', () => {
  const h = useHarness();

  it("lists a repository's advisories by state", async () => {
    const where = { owner: 'octocat', repo: 'hello-world' };
    const res = await h.call('list_repository_security_advisories', { ...where, state: 'published' });
    expect(res.structured).toMatchObject({
      advisories: [{ ghsaId: 'GHSA-8fr2-xq6c-vwq5', state: 'published' }],
    });
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/repos/octocat/hello-world/security-advisories');
    const drafts = await h.call('list_repository_security_advisories', { ...where, state: 'draft' });
    expect(drafts.structured).toEqual({ advisories: [] });
  });
});
