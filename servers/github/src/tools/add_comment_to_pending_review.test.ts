import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const pr = { owner: 'octocat', repo: 'hello-world', pullNumber: 3 };
type Threads = {
  threads: Array<{
    id: string;
    path: string;
    line: number | null;
    startLine: number | null;
    side: string;
    comments: Array<{ id: number; body: string }>;
  }>;
};

describe('add_comment_to_pending_review', () => {
  const h = useHarness();
  const comment = (args: Record<string, unknown>) =>
    h.call('add_comment_to_pending_review', { ...pr, path: 'src/util.ts', ...args });

  it('needs a pending review first', async () => {
    const out = await comment({ subjectType: 'LINE', line: 1, body: 'x' });
    expect(out.text).toMatch(
      /^Invalid input: You have no pending review .*Start one with pull_request_review_write/s,
    );
  });

  it('comments on a line, a range of lines and a whole file', async () => {
    // The pull request also changes a three-line file.
    const { gh } = h.fake;
    const repo = gh.repo('octocat', 'hello-world');
    const head = repo?.branches.get('feature/polite') ?? '';
    const util = 'export function add(a: number, b: number) {\n  // a sum\n  return a + b;\n}\n';
    repo?.branches.set(
      'feature/polite',
      gh.commit(gh.writeTree(gh.filesAt(head), [['src/util.ts', util]]), [head], 'Explain add', 'alice'),
    );
    await h.call('pull_request_review_write', { ...pr, method: 'create' });

    const before = gh.graphqlCalls.length;
    const line = await comment({ subjectType: 'LINE', line: 2, body: 'Say why.' });
    expect(line.isError, line.text).toBe(false);
    expect(line.structured).toEqual({
      threadId: expect.stringMatching(/^PRRT_/),
      commentId: expect.any(Number),
      url: expect.stringMatching(/#discussion_r\d+$/),
    });
    // What reached GitHub: the pending review's id and only the placement arguments given.
    const mutation = gh.graphqlCalls
      .slice(before)
      .find((c) => c.query.includes('addPullRequestReviewThread'));
    expect(mutation?.variables).toEqual({
      input: {
        pullRequestReviewId: expect.stringMatching(/^PRR_/),
        path: 'src/util.ts',
        body: 'Say why.',
        subjectType: 'LINE',
        line: 2,
      },
    });
    const range = await comment({
      subjectType: 'LINE',
      startLine: 1,
      line: 3,
      side: 'RIGHT',
      startSide: 'RIGHT',
      body: 'All of it.',
    });
    expect(range.isError, range.text).toBe(false);
    const file = await comment({ subjectType: 'FILE', body: 'Whole file.' });
    expect(file.isError, file.text).toBe(false);

    const { threads } = (await h.call('pull_request_read', { ...pr, method: 'get_review_comments' }))
      .structured as Threads;
    const mine = threads.filter((t) => t.path === 'src/util.ts');
    expect(mine.map((t) => [t.startLine, t.line, t.comments[0]?.body])).toEqual([
      [null, 2, 'Say why.'],
      [1, 3, 'All of it.'],
      [null, null, 'Whole file.'],
    ]);
    expect(mine[0]?.comments[0]?.id).toBe((line.structured as { commentId: number }).commentId);
  });

  it('says why GitHub could not place a comment', async () => {
    const outside = await comment({ subjectType: 'LINE', line: 40, body: 'x' });
    expect(outside.text).toMatch(
      /^Invalid input: GitHub could not place the comment on src\/util.ts line 40\./,
    );
    const unchanged = await comment({ path: 'README.md', subjectType: 'FILE', body: 'x' });
    expect(unchanged.text).toMatch(/could not place the comment on README\.md\./);
  });

  it('checks the placement arguments before calling GitHub', async () => {
    const before = h.fake.gh.graphqlCalls.length;
    expect((await comment({ subjectType: 'LINE', body: 'x' })).text).toMatch(
      /^Invalid input: A LINE comment needs line/,
    );
    expect((await comment({ subjectType: 'LINE', startLine: 3, line: 2, body: 'x' })).text).toBe(
      'Invalid input: startLine (3) must come before line (2).',
    );
    expect(h.fake.gh.graphqlCalls.length).toBe(before);
  });
});
