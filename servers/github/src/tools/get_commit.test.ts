import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('get_commit', () => {
  const h = useHarness();

  it('returns a commit with its files and, with include_diff, their patches', async () => {
    const commits = await h.call('list_commits', { ...where, perPage: 1 });
    const sha = ((commits.structured?.commits ?? []) as Array<{ sha: string }>)[0]?.sha;
    const commit = await h.call('get_commit', { ...where, sha, include_diff: true });
    expect(commit.structured).toMatchObject({
      sha,
      files: expect.arrayContaining([
        expect.objectContaining({ path: 'README.md', status: 'added', patch: expect.any(String) }),
      ]),
    });
  });
});
