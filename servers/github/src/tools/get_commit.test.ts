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

  it('chooses the detail: none drops the files, stats the patches, full_patch keeps them', async () => {
    const commits = await h.call('list_commits', { ...where, perPage: 1 });
    const sha = ((commits.structured?.commits ?? []) as Array<{ sha: string }>)[0]?.sha;
    const none = await h.call('get_commit', { ...where, sha, detail: 'none' });
    expect(none.structured).toMatchObject({ sha });
    expect(none.structured).not.toHaveProperty('files');
    const stats = await h.call('get_commit', { ...where, sha, detail: 'stats' });
    const files = (stats.structured?.files ?? []) as Array<Record<string, unknown>>;
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => 'patch' in f)).toBe(false);
    const full = await h.call('get_commit', { ...where, sha, detail: 'full_patch' });
    expect(full.structured?.files).toEqual(
      expect.arrayContaining([expect.objectContaining({ patch: expect.any(String) })]),
    );
  });

  it('pages through the files of a commit', async () => {
    const commits = await h.call('list_commits', { ...where, perPage: 100 });
    const list = (commits.structured?.commits ?? []) as Array<{ sha: string }>;
    const first = list.at(-1)?.sha;
    const all = await h.call('get_commit', { ...where, sha: first });
    const files = (all.structured?.files ?? []) as Array<{ path: string }>;
    expect(files.length).toBeGreaterThan(1);
    const one = await h.call('get_commit', { ...where, sha: first, page: 2, perPage: 1 });
    expect(one.structured).toMatchObject({ files: [{ path: files[1]?.path }], nextPage: 3 });
    expect(h.fake.gh.calls.at(-1)?.query).toContain('per_page=1');
  });
});
