import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('list_discussion_categories', () => {
  const h = useHarness();

  it("lists a repository's categories with the ids list_discussions filters by", async () => {
    const out = await h.call('list_discussion_categories', { owner: 'octocat', repo: 'hello-world' });
    expect(out.isError, out.text).toBe(false);
    const { categories, totalCount } = out.structured as {
      categories: Array<{ id: string; name: string; isAnswerable: boolean }>;
      totalCount: number;
    };
    expect(totalCount).toBe(5);
    expect(categories.map((c) => c.name)).toEqual([
      'Announcements',
      'General',
      'Ideas',
      'Q&A',
      'Show and tell',
    ]);
    expect(categories.filter((c) => c.isAnswerable).map((c) => c.name)).toEqual(['Q&A']);
    expect(categories.every((c) => c.id.length > 0)).toBe(true);
  });

  it("reads the organisation's .github repository when repo is omitted", async () => {
    const before = h.fake.gh.graphqlCalls.length;
    const out = await h.call('list_discussion_categories', { owner: 'octo-org' });
    // octo-org has no .github repository here: GitHub's NOT_FOUND reaches the model.
    expect(out.text).toMatch(/^Not found.*octo-org\/\.github/);
    expect(h.fake.gh.graphqlCalls[before]?.variables).toEqual({ owner: 'octo-org', repo: '.github' });
  });
});
