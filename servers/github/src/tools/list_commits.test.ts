import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_commits', () => {
  const h = useHarness();

  it('lists commits newest first, perPage at a time', async () => {
    const commits = await h.call('list_commits', { ...where, perPage: 1 });
    expect(commits.structured).toMatchObject({ commits: [{ message: 'Initial commit' }] });
  });
});
