import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('get_discussion', () => {
  const h = useHarness();

  it('reads one discussion with its state and comment count', async () => {
    const out = await h.call('get_discussion', { ...where, discussionNumber: 1 });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toMatchObject({
      number: 1,
      title: 'How do I greet someone by title?',
      body: 'greet() only takes a name.',
      author: 'alice',
      category: 'Q&A',
      closed: false,
      isAnswered: false,
      answerChosenAt: null,
      comments: 1,
      url: expect.stringMatching(/\/octocat\/hello-world\/discussions\/1$/),
    });
  });

  it('removes invisible and bidi characters from untrusted text', async () => {
    const out = await h.call('get_discussion', { ...where, discussionNumber: 2 });
    expect(out.structured).toMatchObject({ title: 'Greet in French', body: 'Bonjour would be nice.' });
  });

  it('says which number GitHub could not find', async () => {
    const out = await h.call('get_discussion', { ...where, discussionNumber: 99 });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^Not found.*Discussion with the number of 99/);
  });
});

describe('get_discussion in lockdown mode', () => {
  const h = useHarness({ lockdown: true });

  it("withholds the text of an author without push access, not the discussion's facts", async () => {
    const out = await h.call('get_discussion', { ...where, discussionNumber: 2 });
    expect(out.structured).toMatchObject({
      number: 2,
      author: 'mallory',
      title: expect.stringMatching(/^\[withheld/),
    });
    expect((out.structured as { body: string }).body).toMatch(/^\[withheld/);
  });
});
