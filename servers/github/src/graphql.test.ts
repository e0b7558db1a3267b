import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { useHarness } from './test-helpers.js';

/** What the GraphQL path makes of GitHub's answers, on GitHub.com (/graphql) and Enterprise Server. */

const where = { owner: 'octocat', repo: 'hello-world' };
const rateLimited = (resetInSeconds: number) => ({
  status: 200,
  headers: {
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInSeconds),
  },
  body: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] },
});

describe('GraphQL on an Enterprise Server host (/api/graphql)', () => {
  const h = useHarness();

  it('goes to /api/graphql with the configured token', async () => {
    const before = h.fake.gh.calls.length;
    expect((await h.call('list_discussion_categories', where)).isError).toBe(false);
    expect(h.fake.gh.calls.slice(before)).toEqual([
      { method: 'POST', path: '/api/graphql', login: 'octocat', token: TOKEN, body: expect.any(Object) },
    ]);
  });

  it('a RATE_LIMITED answer gives the reset time, without a retry past the longest wait', async () => {
    h.fake.answerNext(/graphql$/, rateLimited(3600));
    const before = h.fake.gh.calls.length;
    const out = await h.call('list_discussions', where);
    expect(out.text).toMatch(
      /^Upstream error: GitHub's GraphQL rate limit is used up: API rate limit exceeded/,
    );
    expect(out.text).toMatch(/Wait about 3\d{3} seconds/);
    expect(h.fake.gh.calls.length - before).toBe(1);
  });

  it('an INSUFFICIENT_SCOPES answer names the scope, as GitHub words it', async () => {
    const message =
      "Your token has not been granted the required scopes to execute this query. The 'discussions' field requires one of the following scopes: ['repo'], but your token has only been granted the: ['read:org'] scopes.";
    h.fake.answerNext(/graphql$/, {
      status: 200,
      body: { errors: [{ type: 'INSUFFICIENT_SCOPES', message }] },
    });
    const out = await h.call('list_discussions', where);
    expect(out.isError).toBe(true);
    expect(out.text).toContain("requires one of the following scopes: ['repo']");
    expect(out.text).toContain('The token lacks a scope named above');
  });

  it('an answer without the data GitHub documents is an upstream error, not an internal one', async () => {
    h.fake.answerNext(/graphql$/, { status: 200, body: { data: { repository: null } } });
    const out = await h.call('get_discussion', { ...where, discussionNumber: 1 });
    expect(out.text).toMatch(
      /^Upstream error: GitHub's answer for get_discussion was not in the documented shape/,
    );
  });
});

describe('GraphQL on GitHub.com (/graphql)', () => {
  const h = useHarness((fakeUrl) => ({ apiUrl: fakeUrl }));

  it("waits out a short RATE_LIMITED reset once, as Octokit's throttling does, then answers", async () => {
    h.fake.answerNext(/graphql$/, rateLimited(0));
    const before = h.fake.gh.calls.length;
    const out = await h.call('list_discussion_categories', where);
    expect(out.isError, out.text).toBe(false);
    expect(h.fake.gh.calls.slice(before).map((c) => c.path)).toEqual(['/graphql', '/graphql']);
  });

  it('a long RATE_LIMITED wait fails fast with the reset time', async () => {
    h.fake.answerNext(/graphql$/, rateLimited(3600));
    const out = await h.call('list_discussion_categories', where);
    expect(out.text).toMatch(/^Upstream error: GitHub's GraphQL rate limit is used up/);
  });
});
