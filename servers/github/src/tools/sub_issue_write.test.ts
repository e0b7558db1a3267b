import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('sub_issue_write', () => {
  const h = useHarness();
  const issue = (n: number) => h.fake.gh.repo('octocat', 'hello-world')?.issues[n - 1];

  it('adds by number, moves by id with replace_parent, reorders and removes', async () => {
    const added = await h.call('sub_issue_write', {
      ...where,
      method: 'add',
      issue_number: 1,
      sub_issue_number: 2,
    });
    expect(added.structured).toEqual({ parent: 1, child: 2, subIssueId: issue(2)?.id, linked: true });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/repos/octocat/hello-world/issues/1/sub_issues',
      body: { sub_issue_id: issue(2)?.id },
      token: TOKEN,
    });
    const id = issue(2)?.id;
    const refused = await h.call('sub_issue_write', {
      ...where,
      method: 'add',
      issue_number: 3,
      sub_issue_id: id,
    });
    expect(refused.isError).toBe(true);
    const moved = await h.call('sub_issue_write', {
      ...where,
      method: 'add',
      issue_number: 3,
      sub_issue_id: id,
      replace_parent: true,
    });
    expect(moved.isError, moved.text).toBe(false);
    expect(issue(1)?.sub_issues).toEqual([]);
    expect(issue(3)?.sub_issues).toEqual([2]);

    await h.call('sub_issue_write', { ...where, method: 'add', issue_number: 3, sub_issue_number: 1 });
    expect(issue(3)?.sub_issues).toEqual([2, 1]);
    const reordered = await h.call('sub_issue_write', {
      ...where,
      method: 'reprioritize',
      issue_number: 3,
      sub_issue_id: issue(1)?.id,
      before_id: id,
    });
    expect(reordered.isError, reordered.text).toBe(false);
    expect(issue(3)?.sub_issues).toEqual([1, 2]);

    const removed = await h.call('sub_issue_write', {
      ...where,
      method: 'remove',
      issue_number: 3,
      sub_issue_id: id,
    });
    expect(removed.structured).toEqual({ parent: 3, child: 2, subIssueId: id, linked: false });
    expect(issue(3)?.sub_issues).toEqual([1]);
  });

  it('asks for the sub-issue and for one place to reorder to', async () => {
    const none = await h.call('sub_issue_write', { ...where, method: 'add', issue_number: 1 });
    expect(none.text).toContain('Give sub_issue_number or sub_issue_id');
    const both = await h.call('sub_issue_write', {
      ...where,
      method: 'reprioritize',
      issue_number: 3,
      sub_issue_id: 1,
      after_id: 2,
      before_id: 3,
    });
    expect(both.text).toContain('exactly one of after_id and before_id');
  });
});
