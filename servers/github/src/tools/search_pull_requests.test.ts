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
});
