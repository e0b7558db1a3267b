import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const pr = { owner: 'octocat', repo: 'hello-world', pullNumber: 3 };
type Threads = { threads: Array<{ id: string; isResolved: boolean }> };

describe('pull_request_review_write', () => {
  const h = useHarness();
  const reviews = async () =>
    (
      (await h.call('pull_request_read', { ...pr, method: 'get_reviews' })).structured as {
        reviews: Array<{ id: number; state: string; body: string }>;
      }
    ).reviews;

  it('is marked destructive: delete_pending discards a review and its comments', async () => {
    const { tools } = await h.client.listTools();
    expect(tools.find((t) => t.name === 'pull_request_review_write')?.annotations).toMatchObject({
      destructiveHint: true,
    });
  });

  it('submits a review at once when given an event', async () => {
    const out = await h.call('pull_request_review_write', { ...pr, event: 'COMMENT', body: 'Looks fine.' });
    expect(out.structured).toMatchObject({ state: 'COMMENTED', id: expect.any(Number) });
    const bad = await h.call('pull_request_review_write', {
      ...pr,
      method: 'create',
      event: 'REQUEST_CHANGES',
    });
    expect(bad.text).toBe('Invalid input: A REQUEST_CHANGES review needs a body.');
  });

  it('keeps a review pending without an event, then submits it', async () => {
    const created = await h.call('pull_request_review_write', { ...pr, method: 'create', body: 'Draft' });
    expect(created.structured).toMatchObject({ state: 'PENDING' });
    const { id } = created.structured as { id: number };
    // GitHub allows one pending review per user and pull request.
    const second = await h.call('pull_request_review_write', { ...pr, method: 'create' });
    expect(second.text).toMatch(/one pending review per pull request/);
    const noEvent = await h.call('pull_request_review_write', { ...pr, method: 'submit_pending' });
    expect(noEvent.text).toMatch(/^Invalid input: submit_pending needs an event/);
    const before = h.fake.gh.graphqlCalls.length;
    const submitted = await h.call('pull_request_review_write', {
      ...pr,
      method: 'submit_pending',
      event: 'REQUEST_CHANGES',
      body: 'Please say hello.',
    });
    expect(submitted.isError, submitted.text).toBe(false);
    expect(submitted.structured).toMatchObject({ id, state: 'CHANGES_REQUESTED' });
    expect(h.fake.gh.graphqlCalls.slice(before).map((c) => c.errors)).toEqual([[], []]);
    expect((await reviews()).find((r) => r.id === id)).toMatchObject({
      state: 'CHANGES_REQUESTED',
      body: 'Please say hello.',
    });
  });

  it('deletes a pending review with its comments', async () => {
    const { id } = (await h.call('pull_request_review_write', { ...pr, method: 'create' })).structured as {
      id: number;
    };
    await h.call('add_comment_to_pending_review', {
      ...pr,
      path: 'src/index.ts',
      subjectType: 'LINE',
      line: 1,
      body: 'To be dropped',
    });
    const deleted = await h.call('pull_request_review_write', { ...pr, method: 'delete_pending' });
    expect(deleted.structured).toMatchObject({ id, deleted: true });
    expect((await reviews()).map((r) => r.id)).not.toContain(id);
    const threads = (await h.call('pull_request_read', { ...pr, method: 'get_review_comments' }))
      .structured as Threads;
    expect(JSON.stringify(threads)).not.toContain('To be dropped');
    const again = await h.call('pull_request_review_write', { ...pr, method: 'delete_pending' });
    expect(again.text).toMatch(/^Invalid input: You have no pending review on octocat\/hello-world#3\./);
  });

  it('resolves and unresolves a thread, and resolving twice changes nothing', async () => {
    const { threads } = (await h.call('pull_request_read', { ...pr, method: 'get_review_comments' }))
      .structured as Threads;
    const threadId = threads[0]?.id;
    const resolve = () => h.call('pull_request_review_write', { ...pr, method: 'resolve_thread', threadId });
    expect((await resolve()).structured).toEqual({ threadId, isResolved: true });
    expect((await resolve()).structured).toEqual({ threadId, isResolved: true });
    const reopened = await h.call('pull_request_review_write', {
      ...pr,
      method: 'unresolve_thread',
      threadId,
    });
    expect(reopened.structured).toEqual({ threadId, isResolved: false });
  });

  it('asks for threadId, and says when GitHub knows no such thread', async () => {
    expect((await h.call('pull_request_review_write', { ...pr, method: 'resolve_thread' })).text).toBe(
      'Invalid input: resolve_thread needs threadId.',
    );
    const unknown = await h.call('pull_request_review_write', {
      ...pr,
      method: 'resolve_thread',
      threadId: 'PRRT_1',
    });
    expect(unknown.text).toMatch(
      /^Not found: GitHub: Could not resolve to a node with the global id of 'PRRT_1'/,
    );
  });
});
