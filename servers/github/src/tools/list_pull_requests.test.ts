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
});
