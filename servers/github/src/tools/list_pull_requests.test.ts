import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_pull_requests', () => {
  const h = useHarness();

  it('lists the open pull requests', async () => {
    expect((await h.call('list_pull_requests', where)).structured).toMatchObject({
      pullRequests: [{ number: 3, author: 'alice' }],
    });
  });

  it('passes sort and direction', async () => {
    await h.call('list_pull_requests', {
      owner: 'octocat',
      repo: 'hello-world',
      sort: 'updated',
      direction: 'asc',
    });
    expect(Object.fromEntries(new URLSearchParams(h.fake.gh.calls.at(-1)?.query))).toMatchObject({
      sort: 'updated',
      direction: 'asc',
    });
  });

  it('returns only the chosen fields; fields GitHub lists leave out select nothing', async () => {
    const out = await h.call('list_pull_requests', {
      ...where,
      fields: ['html_url', 'merged', 'requested_reviewers', 'additions'],
    });
    const [first] = (out.structured?.pullRequests ?? []) as Array<Record<string, unknown>>;
    expect(Object.keys(first ?? {}).sort()).toEqual(['merged', 'number', 'reviewers', 'url']);
    expect(first).toMatchObject({ number: 3, merged: false, reviewers: [] });
  });
});
