import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };
type Listed = {
  discussions: Array<{ number: number; title: string; author: string; category: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  withheld?: number;
};

describe('list_discussions', () => {
  const h = useHarness();

  it('lists the most recently updated first, sanitised, with the query GitHub received', async () => {
    const before = h.fake.gh.graphqlCalls.length;
    const out = await h.call('list_discussions', where);
    expect(out.isError, out.text).toBe(false);
    const listed = out.structured as Listed;
    expect(listed.totalCount).toBe(2);
    expect(listed.discussions.map((d) => [d.number, d.title, d.category])).toEqual([
      [2, 'Greet in French', 'Ideas'],
      [1, 'How do I greet someone by title?', 'Q&A'],
    ]);
    const [call] = h.fake.gh.graphqlCalls.slice(before);
    expect(call?.errors).toEqual([]);
    expect(call?.variables).toEqual({ owner: 'octocat', repo: 'hello-world', first: 30, after: null });
    // No orderBy asked for: none sent, so GitHub's default applies.
    expect(call?.query).not.toContain('orderBy');
  });

  it('pages with after = endCursor', async () => {
    const first = (
      await h.call('list_discussions', { ...where, perPage: 1, orderBy: 'CREATED_AT', direction: 'ASC' })
    ).structured as Listed;
    expect(first.discussions.map((d) => d.number)).toEqual([1]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (
      await h.call('list_discussions', {
        ...where,
        perPage: 1,
        orderBy: 'CREATED_AT',
        direction: 'ASC',
        after: first.pageInfo.endCursor,
      })
    ).structured as Listed;
    expect(second.discussions.map((d) => d.number)).toEqual([2]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by a category id from list_discussion_categories', async () => {
    const { categories } = (await h.call('list_discussion_categories', where)).structured as {
      categories: Array<{ id: string; name: string }>;
    };
    const qa = categories.find((c) => c.name === 'Q&A')?.id;
    const out = (await h.call('list_discussions', { ...where, category: qa })).structured as Listed;
    expect(out.discussions.map((d) => d.number)).toEqual([1]);
  });

  it("reads an organisation's discussions from its .github repository when repo is omitted", async () => {
    const dotGithub = h.fake.gh.addRepo('octo-org', '.github');
    h.fake.gh.addDiscussion(dotGithub, {
      title: 'Org news',
      body: 'Hi',
      user: 'octocat',
      category: 'Announcements',
    });
    const out = (await h.call('list_discussions', { owner: 'octo-org' })).structured as Listed;
    expect(out.discussions.map((d) => d.title)).toEqual(['Org news']);
  });

  it("says so when the repository is missing or a cursor is not GitHub's", async () => {
    expect((await h.call('list_discussions', { owner: 'octocat', repo: 'nope' })).text).toMatch(
      /^Not found.*Could not resolve to a Repository/,
    );
    const bad = await h.call('list_discussions', { ...where, after: 'not-a-cursor' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/^Invalid input.*valid cursor/);
  });
});

describe('list_discussions in lockdown mode', () => {
  const h = useHarness({ lockdown: true });

  it('withholds discussions opened by users without push access', async () => {
    const out = (await h.call('list_discussions', where)).structured as Listed;
    expect(out.discussions.map((d) => d.author)).toEqual(['alice']);
    expect(out.withheld).toBe(1);
  });
});
