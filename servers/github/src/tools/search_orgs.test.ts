import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('search_orgs', () => {
  const h = useHarness();

  it('finds organizations only', async () => {
    const res = await h.call('search_orgs', { query: 'octo' });
    expect(res.structured).toMatchObject({ total: 1, orgs: [{ login: 'octo-org' }] });
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/search/users');
  });
});
