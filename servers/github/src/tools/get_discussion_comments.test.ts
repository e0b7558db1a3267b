import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const at = { owner: 'octocat', repo: 'hello-world', discussionNumber: 1 };
type Comments = {
  comments: Array<{
    id: string;
    author: string;
    body: string;
    isAnswer: boolean;
    replies?: Array<{ body: string }>;
  }>;
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  withheld?: number;
};

describe('get_discussion_comments', () => {
  const h = useHarness();

  it('lists top-level comments, with their replies only when asked', async () => {
    const flat = (await h.call('get_discussion_comments', at)).structured as Comments;
    expect(flat.totalCount).toBe(1);
    expect(flat.comments).toEqual([
      {
        id: expect.stringMatching(/^DC_/),
        author: 'octocat',
        body: 'Pass the title as part of the name for now.',
        created: expect.any(String),
        isAnswer: false,
      },
    ]);
    const nested = (await h.call('get_discussion_comments', { ...at, includeReplies: true }))
      .structured as Comments;
    expect(nested.comments[0]?.replies?.map((r) => r.body)).toEqual(['Thanks, that works.']);
  });

  it('pages with after = endCursor', async () => {
    const discussion = h.fake.gh.repo('octocat', 'hello-world')?.discussions[0];
    if (!discussion) throw new Error('seeded discussion missing');
    h.fake.gh.addDiscussionComment(discussion, 'alice', 'A second thought.');
    const first = (await h.call('get_discussion_comments', { ...at, perPage: 1 })).structured as Comments;
    expect(first.comments).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (
      await h.call('get_discussion_comments', { ...at, perPage: 1, after: first.pageInfo.endCursor })
    ).structured as Comments;
    expect(second.comments.map((c) => c.body)).toEqual(['A second thought.']);
  });
});

describe('get_discussion_comments in lockdown mode', () => {
  const h = useHarness({ lockdown: true });

  it('withholds comments by users without push access and counts them', async () => {
    const out = (await h.call('get_discussion_comments', { ...at, discussionNumber: 2 }))
      .structured as Comments;
    expect(out.comments).toEqual([]);
    expect(out.withheld).toBe(1);
  });
});
