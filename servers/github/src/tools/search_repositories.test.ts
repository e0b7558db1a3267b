import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('search_repositories', () => {
  const h = useHarness();

  it('finds repositories by name', async () => {
    const repos = await h.call('search_repositories', { query: 'hello' });
    expect(repos.structured).toMatchObject({
      total: 1,
      repos: [{ fullName: 'octocat/hello-world', stars: 42 }],
    });
  });

  it('adds URL, forks, topics and dates when minimal_output is false', async () => {
    const brief = await h.call('search_repositories', { query: 'hello-world' });
    const [first] = (brief.structured?.repos ?? []) as Array<Record<string, unknown>>;
    expect(first).not.toHaveProperty('url');
    const full = await h.call('search_repositories', { query: 'hello-world', minimal_output: false });
    expect(full.structured).toMatchObject({
      repos: [{ fullName: 'octocat/hello-world', url: expect.any(String), forks: 0, topics: [] }],
    });
  });
});
