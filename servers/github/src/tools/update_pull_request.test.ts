import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('update_pull_request', () => {
  const h = useHarness();
  const pull = () => h.fake.gh.repo('octocat', 'hello-world')?.issues[2]?.pull;
  const mutations = () => h.fake.gh.calls.filter((c) => c.path.endsWith('/graphql')).length;

  it('changes the title', async () => {
    const out = await h.call('update_pull_request', { ...where, pullNumber: 3, title: 'Politer' });
    expect(out.structured).toMatchObject({ number: 3, state: 'open' });
    expect(h.fake.gh.repo('octocat', 'hello-world')?.issues[2]?.title).toBe('Politer');
  });

  it('turns a pull request into a draft and back over GraphQL', async () => {
    const before = mutations();
    const drafted = await h.call('update_pull_request', { ...where, pullNumber: 3, draft: true });
    expect(drafted.structured).toMatchObject({ number: 3, draft: true });
    expect(pull()?.draft).toBe(true);
    expect(h.fake.gh.calls.at(-1)?.body).toMatchObject({
      query: expect.stringContaining('convertPullRequestToDraft'),
    });
    const ready = await h.call('update_pull_request', {
      ...where,
      pullNumber: 3,
      draft: false,
      title: 'Ready',
    });
    expect(ready.structured).toMatchObject({ draft: false });
    expect(pull()?.draft).toBe(false);
    expect(h.fake.gh.calls.at(-1)?.body).toMatchObject({
      query: expect.stringContaining('markPullRequestReadyForReview'),
    });
    expect(mutations() - before).toBe(2);
    // Already ready: nothing to change, so no mutation.
    await h.call('update_pull_request', { ...where, pullNumber: 3, draft: false });
    expect(mutations() - before).toBe(2);
  });

  it('requests reviewers', async () => {
    const out = await h.call('update_pull_request', { ...where, pullNumber: 3, reviewers: ['octocat'] });
    // alice wrote it; octocat, a collaborator, may be asked.
    expect(out.structured).toMatchObject({ reviewers: ['octocat'] });
    const author = await h.call('update_pull_request', { ...where, pullNumber: 3, reviewers: ['alice'] });
    expect(author).toMatchObject({ isError: true, text: expect.stringContaining('author') });
  });

  it('a closed pull request cannot become a draft', async () => {
    await h.call('update_pull_request', { ...where, pullNumber: 3, state: 'closed' });
    const out = await h.call('update_pull_request', { ...where, pullNumber: 3, draft: true });
    expect(out).toMatchObject({ isError: true, text: expect.stringContaining('closed') });
  });
});
