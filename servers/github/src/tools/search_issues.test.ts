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

  it('returns only the chosen fields, with number and repo always', async () => {
    const out = await h.call('search_issues', {
      query: 'rude',
      ...where,
      fields: ['html_url', 'reactions', 'locked'],
    });
    const [first] = (out.structured?.items ?? []) as Array<Record<string, unknown>>;
    expect(Object.keys(first ?? {}).sort()).toEqual(['locked', 'number', 'reactions', 'repo', 'url']);
    expect(first).toMatchObject({ number: 1, locked: false, url: expect.stringContaining('/issues/1') });
  });
});
