import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('search_issues', () => {
  const h = useHarness();

  it('finds issues by text', async () => {
    const found = await h.call('search_issues', { query: 'rude', ...where });
    expect(found.structured).toMatchObject({ total: 1, items: [{ number: 1, repo: 'octocat/hello-world' }] });
  });
});
