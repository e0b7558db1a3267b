import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('pull_request_read', () => {
  const h = useHarness();

  it('get, files, diff, commits, status, check runs, reviews and comments', async () => {
    const pr = { ...where, pullNumber: 3 };
    const got = await h.call('pull_request_read', pr);
    expect(got.structured).toMatchObject({
      pullRequest: {
        number: 3,
        head: 'feature/polite',
        base: 'main',
        additions: expect.any(Number),
        merged: false,
      },
    });
    const files = await h.call('pull_request_read', { ...pr, method: 'get_files' });
    expect(files.structured).toMatchObject({ files: [{ path: 'src/index.ts', status: 'modified' }] });
    const diff = await h.call('pull_request_read', { ...pr, method: 'get_diff' });
    expect(diff.text).toContain('diff --git a/src/index.ts');
    const commits = await h.call('pull_request_read', { ...pr, method: 'get_commits' });
    expect(commits.structured).toMatchObject({ commits: [{ message: 'Be more polite', author: 'alice' }] });
    for (const method of [
      'get_status',
      'get_check_runs',
      'get_reviews',
      'get_review_comments',
      'get_comments',
    ]) {
      const out = await h.call('pull_request_read', { ...pr, method });
      expect(out.isError, `${method}: ${out.text}`).toBe(false);
    }
  });
});
