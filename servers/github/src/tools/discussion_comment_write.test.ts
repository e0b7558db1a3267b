import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };
type Comments = {
  comments: Array<{ id: string; body: string; isAnswer: boolean; replies?: Array<{ body: string }> }>;
};

describe('discussion_comment_write', () => {
  const h = useHarness();
  const comments = async (discussionNumber: number) =>
    (
      (await h.call('get_discussion_comments', { ...where, discussionNumber, includeReplies: true }))
        .structured as Comments
    ).comments;

  it('is marked destructive: delete cannot be undone', async () => {
    const { tools } = await h.client.listTools();
    expect(tools.find((t) => t.name === 'discussion_comment_write')?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
  });

  it('adds a comment, updates it, and deletes it', async () => {
    const added = await h.call('discussion_comment_write', {
      ...where,
      method: 'add',
      discussionNumber: 2,
      body: 'Oui!',
    });
    expect(added.isError, added.text).toBe(false);
    const { id } = added.structured as { id: string; url: string };
    expect((await comments(2)).map((c) => c.body)).toEqual(['Any thoughts?', 'Oui!']);
    const updated = await h.call('discussion_comment_write', {
      method: 'update',
      commentNodeID: id,
      body: 'Oui !',
    });
    expect(updated.structured).toMatchObject({ id });
    expect((await comments(2)).at(-1)?.body).toBe('Oui !');
    const deleted = await h.call('discussion_comment_write', { method: 'delete', commentNodeID: id });
    expect(deleted.structured).toMatchObject({ id, deleted: true });
    expect((await comments(2)).map((c) => c.body)).toEqual(['Any thoughts?']);
  });

  it('replies under the top-level comment, even when given a reply', async () => {
    const [top] = await comments(1);
    const reply = await h.call('discussion_comment_write', {
      ...where,
      method: 'reply',
      discussionNumber: 1,
      commentNodeID: top?.id,
      body: 'You are welcome.',
    });
    expect(reply.isError, reply.text).toBe(false);
    const replyId = (reply.structured as { id: string }).id;
    await h.call('discussion_comment_write', {
      ...where,
      method: 'reply',
      discussionNumber: 1,
      commentNodeID: replyId,
      body: 'Nested?',
    });
    const after = await comments(1);
    expect(after).toHaveLength(1);
    expect(after[0]?.replies?.map((r) => r.body)).toEqual([
      'Thanks, that works.',
      'You are welcome.',
      'Nested?',
    ]);
  });

  it('refuses a reply to a comment of another discussion (GitHub would post it top-level)', async () => {
    const [other] = await comments(2);
    const out = await h.call('discussion_comment_write', {
      ...where,
      method: 'reply',
      discussionNumber: 1,
      commentNodeID: other?.id,
      body: 'Lost?',
    });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(
      /^Invalid input: DC_\d+ is not a comment of discussion #1 in octocat\/hello-world/,
    );
  });

  it('marks and unmarks the answer of a Q&A discussion', async () => {
    const [top] = await comments(1);
    const marked = await h.call('discussion_comment_write', {
      method: 'mark_answer',
      commentNodeID: top?.id,
    });
    expect(marked.structured).toMatchObject({
      id: top?.id,
      isAnswer: true,
      url: expect.stringMatching(/discussions\/1$/),
    });
    expect((await h.call('get_discussion', { ...where, discussionNumber: 1 })).structured).toMatchObject({
      isAnswered: true,
      answerChosenAt: expect.any(String),
    });
    expect((await comments(1))[0]?.isAnswer).toBe(true);
    await h.call('discussion_comment_write', { method: 'unmark_answer', commentNodeID: top?.id });
    expect((await h.call('get_discussion', { ...where, discussionNumber: 1 })).structured).toMatchObject({
      isAnswered: false,
    });
  });

  it("passes on GitHub's refusal to mark an answer outside Q&A", async () => {
    const [idea] = await comments(2);
    const out = await h.call('discussion_comment_write', { method: 'mark_answer', commentNodeID: idea?.id });
    expect(out.text).toMatch(/^Invalid input: GitHub rejected the request: .*answers/);
  });

  it('names the arguments a method is missing', async () => {
    const out = await h.call('discussion_comment_write', { method: 'add', owner: 'octocat', body: 'x' });
    expect(out.text).toMatch(/^Invalid input: Method add needs repo, discussionNumber\./);
    const update = await h.call('discussion_comment_write', { method: 'update', commentNodeID: 'DC_1' });
    expect(update.text).toMatch(/Method update needs body\./);
  });
});

describe('discussion_comment_write as an outsider', () => {
  const h = useHarness({ token: 'ghp_fakeTokenForTests000000000000000002' });

  it("cannot edit someone else's comment: GitHub's FORBIDDEN reaches the model", async () => {
    const answer = h.fake.gh.repo('octocat', 'hello-world')?.discussions[0]?.comments[0];
    const out = await h.call('discussion_comment_write', {
      method: 'update',
      commentNodeID: `DC_${answer?.id}`,
      body: 'Hijacked',
    });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(
      /^Permission denied: GitHub refused: mallory does not have the correct permissions/,
    );
  });
});
