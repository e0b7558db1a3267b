import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('create_pull_request', () => {
  const h = useHarness();

  const branch = async (name: string) => {
    await h.call('create_branch', { ...where, branch: name });
    await h.call('create_or_update_file', {
      ...where,
      branch: name,
      path: `${name}.txt`,
      content: name,
      message: name,
    });
  };

  it('opens a draft pull request and requests reviewers', async () => {
    await branch('reviewed');
    const created = await h.call('create_pull_request', {
      ...where,
      title: 'Reviewed',
      head: 'reviewed',
      base: 'main',
      draft: true,
      reviewers: ['alice'],
    });
    expect(created.structured).toMatchObject({ state: 'open', reviewers: ['alice'] });
    const number = created.structured?.number as number;
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: `/repos/octocat/hello-world/pulls/${number}/requested_reviewers`,
      body: { reviewers: ['alice'] },
    });
    const pull = h.fake.gh.repo('octocat', 'hello-world')?.issues[number - 1]?.pull;
    expect(pull).toMatchObject({ draft: true, requested_reviewers: ['alice'] });
  });

  it('says the pull request was opened when the review request is refused', async () => {
    await branch('lonely');
    const created = await h.call('create_pull_request', {
      ...where,
      title: 'Lonely',
      head: 'lonely',
      base: 'main',
      reviewers: ['mallory'],
    });
    expect(created.isError).toBe(true);
    expect(created.text).toMatch(/Opened #\d+ .*requesting reviewers failed.*collaborators/s);
    expect(created.text).toContain('update_pull_request');
  });
});
