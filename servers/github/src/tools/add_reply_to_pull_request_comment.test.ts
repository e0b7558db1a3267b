import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const pr = { owner: 'octocat', repo: 'hello-world', pullNumber: 3 };
type Threads = {
  threads: Array<{ id: string; comments: Array<{ id: number; author: string; body: string }> }>;
};

describe('add_reply_to_pull_request_comment', () => {
  const h = useHarness();
  const threads = async () =>
    ((await h.call('pull_request_read', { ...pr, method: 'get_review_comments' })).structured as Threads)
      .threads;
  const alicesComment = async () => (await threads())[0]?.comments[0]?.id;

  it('replies, reacts, or both', async () => {
    const commentId = await alicesComment();
    const reply = await h.call('add_reply_to_pull_request_comment', {
      ...pr,
      commentId,
      body: 'It reads well.',
    });
    expect(reply.structured).toEqual({
      comment: { id: expect.any(Number), url: expect.stringMatching(/#discussion_r\d+$/), pending: false },
    });
    const reaction = await h.call('add_reply_to_pull_request_comment', {
      ...pr,
      commentId,
      reaction: 'rocket',
    });
    expect(reaction.structured).toEqual({ reaction: { id: expect.any(Number), content: 'rocket' } });
    const both = await h.call('add_reply_to_pull_request_comment', {
      ...pr,
      commentId,
      body: '+1',
      reaction: 'heart',
    });
    expect(both.structured).toMatchObject({ comment: { pending: false }, reaction: { content: 'heart' } });
    expect((await threads())[0]?.comments.map((c) => c.body)).toEqual([
      'Is "Hello there" too informal?',
      'It reads well.',
      '+1',
    ]);
  });

  it('puts the reply in your pending review, published when you submit it', async () => {
    const commentId = await alicesComment();
    await h.call('pull_request_review_write', { ...pr, method: 'create' });
    const before = h.fake.gh.graphqlCalls.length;
    const reply = await h.call('add_reply_to_pull_request_comment', {
      ...pr,
      commentId,
      body: 'Pending thought.',
    });
    expect(reply.isError, reply.text).toBe(false);
    expect(reply.structured).toMatchObject({ comment: { pending: true } });
    // GitHub refused the REST reply (422) because of the pending review; it went in over GraphQL.
    expect(
      h.fake.gh.calls.some((c) => c.method === 'POST' && c.path.endsWith(`/comments/${commentId}/replies`)),
    ).toBe(true);
    const mutation = h.fake.gh.graphqlCalls
      .slice(before)
      .find((c) => c.query.includes('addPullRequestReviewThreadReply'));
    expect(mutation?.variables).toMatchObject({
      input: { body: 'Pending thought.', pullRequestReviewId: expect.stringMatching(/^PRR_/) },
    });
    const pull = h.fake.gh.repo('octocat', 'hello-world')?.issues[2]?.pull;
    const added = pull?.review_comments.find((c) => c.body === 'Pending thought.');
    const review = pull?.reviews.find((r) => r.id === added?.review_id);
    expect(review?.state).toBe('PENDING');
    await h.call('pull_request_review_write', { ...pr, method: 'submit_pending', event: 'COMMENT' });
    expect(review?.state).toBe('COMMENTED');
  });

  it('checks its arguments, and says when the comment is unknown', async () => {
    expect((await h.call('add_reply_to_pull_request_comment', { ...pr, commentId: 1 })).text).toBe(
      'Invalid input: Give a body to reply, a reaction, or both.',
    );
    const noPull = await h.call('add_reply_to_pull_request_comment', {
      owner: 'octocat',
      repo: 'hello-world',
      commentId: 1,
      body: 'x',
    });
    expect(noPull.text).toBe('Invalid input: A reply needs pullNumber.');
    expect(
      (await h.call('add_reply_to_pull_request_comment', { ...pr, commentId: 424242, body: 'x' })).text,
    ).toMatch(/^Not found/);
  });
});
