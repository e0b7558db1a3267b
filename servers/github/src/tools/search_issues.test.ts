import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('search_issues', () => {
  const h = useHarness();

  it('finds issues by text', async () => {
    const found = await h.call('search_issues', { query: 'rude', ...where });
    expect(found.structured).toMatchObject({ total: 1, items: [{ number: 1, repo: 'octocat/hello-world' }] });
  });

  it('sorts by reactions of one kind', async () => {
    const res = await h.call('search_issues', { query: 'rude', sort: 'reactions-+1', order: 'desc' });
    expect(res.isError, res.text).toBe(false);
    expect(h.fake.gh.calls.at(-1)?.query).toContain('sort=reactions-%2B1');
  });
});
