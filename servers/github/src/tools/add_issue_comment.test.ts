import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('add_issue_comment', () => {
  const h = useHarness();

  it("GitHub's answer for a missing issue reaches the model", async () => {
    const bad = await h.call('add_issue_comment', { ...where, issue_number: 999, body: 'x' });
    expect(bad.text).toMatch(/^Not found/);
  });
});

describe('add_issue_comment reactions', () => {
  const h = useHarness();
  const issue = () => h.fake.gh.repo('octocat', 'hello-world')?.issues[0];

  it('reacts to the issue itself', async () => {
    const out = await h.call('add_issue_comment', { ...where, issue_number: 1, reaction: 'rocket' });
    expect(out.structured).toMatchObject({ reaction: { content: 'rocket' } });
    expect(out.structured).not.toHaveProperty('id');
    expect(issue()?.reactions).toMatchObject([{ user: 'octocat', content: 'rocket' }]);
  });

  it('comments and reacts in one call', async () => {
    const out = await h.call('add_issue_comment', {
      ...where,
      issue_number: 1,
      body: 'Agreed',
      reaction: 'heart',
    });
    expect(out.structured).toMatchObject({ id: expect.any(Number), reaction: { content: 'heart' } });
    expect(issue()?.comments.at(-1)?.body).toBe('Agreed');
  });

  it('reacts to a comment of the issue, and only of that issue', async () => {
    const made = await h.call('add_issue_comment', { ...where, issue_number: 1, body: 'React here' });
    const comment_id = Number(made.structured?.id);
    const out = await h.call('add_issue_comment', {
      ...where,
      issue_number: 1,
      comment_id,
      reaction: 'eyes',
    });
    expect(out.structured).toMatchObject({ reaction: { content: 'eyes' } });
    expect(h.fake.gh.calls.at(-1)?.path).toBe(
      `/repos/octocat/hello-world/issues/comments/${comment_id}/reactions`,
    );
    expect(issue()?.comments.find((c) => c.id === comment_id)?.reactions).toMatchObject([
      { content: 'eyes' },
    ]);
    const other = await h.call('add_issue_comment', {
      ...where,
      issue_number: 2,
      comment_id,
      reaction: 'eyes',
    });
    expect(other).toMatchObject({ isError: true, text: expect.stringContaining('not on #2') });
  });

  it('says which arguments go together', async () => {
    const nothing = await h.call('add_issue_comment', { ...where, issue_number: 1 });
    expect(nothing).toMatchObject({ isError: true, text: expect.stringContaining('body, reaction') });
    const noReaction = await h.call('add_issue_comment', { ...where, issue_number: 1, comment_id: 5 });
    expect(noReaction).toMatchObject({ isError: true, text: expect.stringContaining('needs a reaction') });
    const withBody = await h.call('add_issue_comment', {
      ...where,
      issue_number: 1,
      comment_id: 5,
      body: 'x',
      reaction: 'eyes',
    });
    expect(withBody).toMatchObject({ isError: true, text: expect.stringContaining('cannot go with body') });
  });
});
