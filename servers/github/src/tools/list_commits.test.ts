import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_commits', () => {
  const h = useHarness();

  it('lists commits newest first, perPage at a time', async () => {
    const commits = await h.call('list_commits', { ...where, perPage: 1 });
    expect(commits.structured).toMatchObject({ commits: [{ message: 'Initial commit' }] });
  });

  it('passes since and until as GitHub takes them', async () => {
    const res = await h.call('list_commits', {
      owner: 'octocat',
      repo: 'hello-world',
      since: '2020-01-01T00:00:00Z',
      until: '2030-01-01T00:00:00Z',
    });
    expect(res.isError, res.text).toBe(false);
    expect(Object.fromEntries(new URLSearchParams(h.fake.gh.calls.at(-1)?.query))).toMatchObject({
      since: '2020-01-01T00:00:00Z',
      until: '2030-01-01T00:00:00Z',
    });
  });

  it('returns only the chosen fields: commit is the message and date, sha always', async () => {
    const out = await h.call('list_commits', {
      ...where,
      perPage: 1,
      fields: ['commit', 'committer', 'html_url'],
    });
    const [first] = (out.structured?.commits ?? []) as Array<Record<string, unknown>>;
    expect(Object.keys(first ?? {}).sort()).toEqual(['committer', 'date', 'message', 'sha', 'url']);
    expect(first).toMatchObject({ message: 'Initial commit', url: expect.stringContaining('/commit/') });
  });
});
