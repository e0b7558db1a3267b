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
});
