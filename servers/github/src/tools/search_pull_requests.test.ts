import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('search_pull_requests', () => {
  const h = useHarness();

  it('finds pull requests by text', async () => {
    expect((await h.call('search_pull_requests', { query: 'polite', ...where })).structured).toMatchObject({
      total: 1,
      items: [{ number: 3 }],
    });
  });

  it('returns only the chosen fields; type is not one of them', async () => {
    const out = await h.call('search_pull_requests', {
      query: 'polite',
      ...where,
      fields: ['pull_request', 'draft'],
    });
    expect(out.structured).toMatchObject({
      items: [{ number: 3, repo: 'octocat/hello-world', draft: false, pullRequest: { merged: null } }],
    });
    const [first] = (out.structured?.items ?? []) as Array<Record<string, unknown>>;
    expect(first).not.toHaveProperty('title');
    expect((await h.call('search_pull_requests', { query: 'polite', fields: ['type'] })).isError).toBe(true);
  });
});
