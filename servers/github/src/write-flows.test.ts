import { describe, expect, it } from 'vitest';
import { useHarness } from './test-helpers.js';

/** Writes that build on each other across tools, each sequence against its own fresh fake GitHub. */

const where = { owner: 'octocat', repo: 'hello-world' };

describe('a branch: created, files written, pushed and deleted', () => {
  const h = useHarness();

  it('create_branch, create_or_update_file, push_files and delete_file change the branch', async () => {
    expect((await h.call('create_branch', { ...where, branch: 'work' })).isError).toBe(false);
    const created = await h.call('create_or_update_file', {
      ...where,
      branch: 'work',
      path: 'notes.md',
      content: 'one',
      message: 'add notes',
    });
    expect(created.isError, created.text).toBe(false);
    const stale = await h.call('create_or_update_file', {
      ...where,
      branch: 'work',
      path: 'notes.md',
      content: 'two',
      message: 'edit',
    });
    expect(stale.isError).toBe(true);
    expect(stale.text).toContain('sha');
    const sha = created.structured?.sha as string;
    const updated = await h.call('create_or_update_file', {
      ...where,
      branch: 'work',
      path: 'notes.md',
      content: 'two',
      message: 'edit',
      sha,
    });
    expect(updated.isError, updated.text).toBe(false);
    const pushed = await h.call('push_files', {
      ...where,
      branch: 'work',
      message: 'two files',
      files: [
        { path: 'a.txt', content: 'A' },
        { path: 'dir/b.txt', content: 'B' },
      ],
    });
    expect(pushed.structured).toMatchObject({ files: 2 });
    const log = await h.call('list_commits', { ...where, sha: 'work', perPage: 1 });
    expect(log.structured).toMatchObject({ commits: [{ message: 'two files' }] });
    const b = await h.call('get_file_contents', { ...where, path: 'dir/b.txt', ref: 'work' });
    expect(b.structured).toMatchObject({ content: 'B' });
    const deleted = await h.call('delete_file', {
      ...where,
      branch: 'work',
      path: 'a.txt',
      message: 'rm',
    });
    expect(deleted.isError, deleted.text).toBe(false);
    expect((await h.call('get_file_contents', { ...where, path: 'a.txt', ref: 'work' })).isError).toBe(true);
  });
});

describe('an issue: created, closed, commented and linked as a sub-issue', () => {
  const h = useHarness();

  it('issue_write creates and closes, add_issue_comment comments, sub_issue_write links', async () => {
    const created = await h.call('issue_write', {
      ...where,
      method: 'create',
      title: 'Docs',
      body: 'Write them',
      labels: ['enhancement'],
    });
    expect(created.isError, created.text).toBe(false);
    const number = created.structured?.number as number;
    const closed = await h.call('issue_write', {
      ...where,
      method: 'update',
      issue_number: number,
      state: 'closed',
      state_reason: 'not_planned',
    });
    expect(closed.structured).toMatchObject({ state: 'closed' });
    expect(
      (await h.call('add_issue_comment', { ...where, issue_number: number, body: 'Done.' })).isError,
    ).toBe(false);
    const linked = await h.call('sub_issue_write', {
      ...where,
      method: 'add',
      issue_number: 1,
      sub_issue_number: number,
    });
    expect(linked.isError, linked.text).toBe(false);
    const subs = await h.call('issue_read', { ...where, issue_number: 1, method: 'get_sub_issues' });
    expect(subs.structured).toMatchObject({ subIssues: [{ number, state: 'closed' }] });
    expect(
      (
        await h.call('sub_issue_write', {
          ...where,
          method: 'remove',
          issue_number: 1,
          sub_issue_number: number,
        })
      ).isError,
    ).toBe(false);
  });
});

describe('a pull request: created, updated, reviewed, its branch updated and merged', () => {
  const h = useHarness();

  it('create, update, review, update branch and merge', async () => {
    await h.call('create_branch', { ...where, branch: 'topic' });
    await h.call('create_or_update_file', {
      ...where,
      branch: 'topic',
      path: 't.txt',
      content: 't',
      message: 'topic',
    });
    const created = await h.call('create_pull_request', {
      ...where,
      title: 'Topic',
      head: 'topic',
      base: 'main',
    });
    expect(created.isError, created.text).toBe(false);
    const pullNumber = created.structured?.number as number;
    expect((await h.call('update_pull_request', { ...where, pullNumber, title: 'Topic!' })).isError).toBe(
      false,
    );
    const own = await h.call('pull_request_review_write', { ...where, pullNumber, event: 'APPROVE' });
    expect(own.text).toContain('Can not approve your own pull request');
    const review = await h.call('pull_request_review_write', {
      ...where,
      pullNumber: 3,
      event: 'COMMENT',
      body: 'Looks fine',
    });
    expect(review.structured).toMatchObject({ state: 'COMMENTED' });
    expect((await h.call('update_pull_request_branch', { ...where, pullNumber: 3 })).isError).toBe(false);
    const merged = await h.call('merge_pull_request', {
      ...where,
      pullNumber,
      merge_method: 'squash',
    });
    expect(merged.structured).toMatchObject({ merged: true });
    const again = await h.call('merge_pull_request', { ...where, pullNumber });
    expect(again.text).toMatch(/not mergeable/);
  });
});

describe('a gist: created, updated and read back', () => {
  const h = useHarness();

  it('create_gist, then update_gist, then get_gist shows the new contents', async () => {
    const created = await h.call('create_gist', { description: 'notes', files: { 'n.txt': 'one' } });
    expect(created.isError, created.text).toBe(false);
    const id = created.structured?.id as string;
    expect((await h.call('update_gist', { gist_id: id, files: { 'n.txt': 'two' } })).isError).toBe(false);
    expect((await h.call('get_gist', { gist_id: id })).structured).toMatchObject({
      owner: 'octocat',
      files: [{ name: 'n.txt', content: 'two' }],
    });
  });
});
