import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_issues', () => {
  const h = useHarness();

  it('leaves pull requests out', async () => {
    const list = await h.call('list_issues', where);
    expect(((list.structured?.issues ?? []) as Array<{ number: number }>).map((i) => i.number)).toEqual([
      2, 1,
    ]);
  });

  it("takes github-mcp-server's state, orderBy, direction and after", async () => {
    const res = await h.call('list_issues', {
      owner: 'octocat',
      repo: 'hello-world',
      state: 'CLOSED',
      orderBy: 'COMMENTS',
      direction: 'ASC',
      after: '2',
    });
    expect(res.isError, res.text).toBe(false);
    expect(Object.fromEntries(new URLSearchParams(h.fake.gh.calls.at(-1)?.query))).toMatchObject({
      state: 'closed',
      sort: 'comments',
      direction: 'asc',
      page: '2',
    });
  });
});
