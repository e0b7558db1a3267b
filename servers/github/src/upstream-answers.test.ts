import { MAX_RESULT_BYTES } from '@refmcp/core/upstream';
import { describe, expect, it } from 'vitest';
import { useHarness } from './test-helpers.js';

/** What the server makes of answers GitHub should not give: too long, the wrong shape, not JSON. */

const where = { owner: 'octocat', repo: 'hello-world' };

describe('an answer over --max-response-bytes', () => {
  const h = useHarness({ maxResponseBytes: 64 * 1024 });

  it('is refused with the cap and the flag named, and not asked for again', async () => {
    h.fake.floodList(/\/issues$/, 10_000);
    const before = h.fake.gh.calls.length;
    const out = await h.call('list_issues', where);
    expect(out.isError).toBe(true);
    expect(out.text).toContain(
      'GitHub answered more than 64 KiB for list_issues; narrow the request (perPage, filters) or raise --max-response-bytes.',
    );
    expect(h.fake.gh.calls.length - before).toBe(1);
    // The next call is answered as usual.
    expect((await h.call('list_issues', where)).isError).toBe(false);
  });
});

describe('answers in a shape GitHub does not document', () => {
  const h = useHarness();

  it('a missing field is an upstream error, not an internal one', async () => {
    h.fake.answerNext(/\/issues\/1$/, { status: 200, body: { number: 1, title: 'no labels, no user' } });
    const out = await h.call('issue_read', { ...where, issue_number: 1 });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(
      /^Upstream error: GitHub's answer for issue_read was not in the documented shape/,
    );
    expect(out.text).not.toContain('Internal error');
  });

  it('an object where a list belongs is an upstream error', async () => {
    h.fake.answerNext(/\/issues$/, { status: 200, body: { message: 'not a list' } });
    const out = await h.call('list_issues', where);
    expect(out.text).toMatch(
      /^Upstream error: GitHub's answer for list_issues was not in the documented shape/,
    );
  });

  it('a JSON answer that does not parse is an upstream error', async () => {
    h.fake.answerNext(/\/issues\/1$/, {
      status: 200,
      text: '{"number": 1, "title": "cut off',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    const out = await h.call('issue_read', { ...where, issue_number: 1 });
    expect(out.text).toContain('was not valid JSON');
  });
});

describe('long texts within the cap', () => {
  const h = useHarness();

  it('a body is cut at the field cap with a marker saying how much was cut', async () => {
    const repo = h.fake.gh.repo('octocat', 'hello-world')!;
    const issue = h.fake.gh.addIssue(repo, { title: 'long', user: 'octocat', body: 'b'.repeat(300_000) });
    const out = await h.call('issue_read', { ...where, issue_number: issue.number });
    const body = (out.structured?.issue as { body?: string } | undefined)?.body;
    expect(body).toBe(`${'b'.repeat(65_536)}…[234,464 more characters cut]`);
  });

  it('a page of long comments is shortened to fit the result cap, every comment kept', async () => {
    const repo = h.fake.gh.repo('octocat', 'hello-world')!;
    const issue = h.fake.gh.addIssue(repo, { title: 'chatty', user: 'octocat' });
    for (let i = 0; i < 100; i++) h.fake.gh.addComment(issue, 'alice', `${i} ${'c'.repeat(60_000)}`);
    const out = await h.call('issue_read', {
      ...where,
      issue_number: issue.number,
      method: 'get_comments',
      perPage: 100,
    });
    const comments = out.structured?.comments as Array<{ body: string }>;
    expect(comments).toHaveLength(100);
    expect(Buffer.byteLength(JSON.stringify(out.structured))).toBeLessThanOrEqual(MAX_RESULT_BYTES);
    expect(comments[99]?.body).toMatch(/^99 c+…\[[\d,]+ more characters cut\]$/);
  });
});
