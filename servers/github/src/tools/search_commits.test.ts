import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('search_commits', () => {
  const h = useHarness();

  it('finds commits by message words in one repository', async () => {
    const res = await h.call('search_commits', {
      query: 'initial repo:octocat/hello-world',
      sort: 'author-date',
      order: 'desc',
    });
    expect(res.isError, res.text).toBe(false);
    const out = res.structured as { total: number; commits: Array<{ repo: string; message: string }> };
    expect(out.total).toBeGreaterThan(0);
    for (const c of out.commits) {
      expect(c.repo).toBe('octocat/hello-world');
      expect(c.message.toLowerCase()).toContain('initial');
    }
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/search/commits');
  });
});
