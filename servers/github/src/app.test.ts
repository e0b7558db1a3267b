import { callTool, connectInProcess } from '@refmcp/core/testing';
import { OUTSIDER_TOKEN, seedGitHub, startFakeGitHub } from '@refmcp/fake-github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { apiUrlFor, type GitHubConfig } from './config.js';
import { elicitingClient, quietLogger, testConfig } from './test-helpers.js';

let fake: Awaited<ReturnType<typeof startFakeGitHub>>;
beforeAll(async () => {
  fake = await startFakeGitHub({ gh: seedGitHub() });
});
afterAll(() => fake.close());

async function session(overrides: Partial<GitHubConfig> = {}) {
  const app = createApp(testConfig(fake.apiUrl, overrides), { logger: quietLogger() });
  const client = await connectInProcess(app);
  return {
    client,
    call: (name: string, args: Record<string, unknown> = {}) => callTool(client, name, args),
    names: async () => (await client.listTools()).tools.map((t) => t.name),
    close: async () => {
      await client.close();
      await app.close();
    },
  };
}

describe('API host', () => {
  it('maps hosts to REST base URLs', () => {
    expect(apiUrlFor(undefined)).toBe('https://api.github.com');
    expect(apiUrlFor('github.com')).toBe('https://api.github.com');
    expect(apiUrlFor('ghe.example.com')).toBe('https://ghe.example.com/api/v3');
    expect(apiUrlFor('https://octo.ghe.com')).toBe('https://api.octo.ghe.com');
    expect(apiUrlFor('http://127.0.0.1:9/api/v3/')).toBe('http://127.0.0.1:9/api/v3');
  });
});

describe('errors', () => {
  it('a bad token is a clear 401 result, and the token never appears', async () => {
    const token = 'ghp_this_token_is_wrong_0123456789';
    const s = await session({ token });
    const out = await s.call('get_me');
    expect(out.isError).toBe(true);
    expect(out.text).toContain('401 Bad credentials');
    expect(out.text).not.toContain(token);
    await s.close();
  });

  it('a write without push access names the permission problem', async () => {
    const s = await session({ token: OUTSIDER_TOKEN });
    const out = await s.call('create_branch', { owner: 'octocat', repo: 'hello-world', branch: 'x' });
    expect(out.text).toMatch(/^Permission denied: GitHub refused the request/);
    await s.close();
  });

  it('a missing scope is named', async () => {
    const s = await session({ token: OUTSIDER_TOKEN });
    const out = await s.call('get_teams');
    expect(out.text).toContain('lacks the read:org scope');
    await s.close();
  });

  it('an unreachable API is reported on the call', async () => {
    const s = await session({ apiUrl: 'http://127.0.0.1:9/api/v3' });
    const out = await s.call('get_me');
    expect(out.isError).toBe(true);
    expect(out.text).toContain('Cannot reach GitHub at http://127.0.0.1:9/api/v3');
    await s.close();
  });
});

describe('retries and rate limits', () => {
  it('retries a 5xx once and succeeds', async () => {
    const s = await session();
    const before = fake.gh.calls.length;
    fake.serverError(/^\/user$/, 1, 502);
    const out = await s.call('get_me');
    expect(out.isError, out.text).toBe(false);
    expect(fake.gh.calls.slice(before).filter((c) => c.path === '/user')).toHaveLength(2);
    await s.close();
  });

  it('a 5xx that persists fails after one retry', async () => {
    const s = await session();
    const before = fake.gh.calls.length;
    fake.serverError(/^\/user$/, 2, 503);
    const out = await s.call('get_me');
    expect(out.isError).toBe(true);
    expect(out.text).toContain('GitHub answered 503: Server Error');
    expect(fake.gh.calls.slice(before).filter((c) => c.path === '/user')).toHaveLength(2);
    await s.close();
  });

  it('a 404 is not retried', async () => {
    const s = await session();
    const before = fake.gh.calls.length;
    const out = await s.call('get_file_contents', { owner: 'octocat', repo: 'hello-world', path: 'nope.md' });
    expect(out.isError).toBe(true);
    expect(fake.gh.calls.length - before).toBe(1);
    await s.close();
  });

  it('spaces writes by the request spacing', async () => {
    const s = await session({ writeSpacingMs: 150 });
    const where = { owner: 'octocat', repo: 'hello-world' };
    const t0 = Date.now();
    const results = await Promise.all([
      s.call('create_branch', { ...where, branch: 'spaced-1' }),
      s.call('create_branch', { ...where, branch: 'spaced-2' }),
      s.call('create_branch', { ...where, branch: 'spaced-3' }),
    ]);
    expect(results.map((r) => r.isError)).toEqual([false, false, false]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    await s.close();
  });

  it('retries a 429 with Retry-After: 1 once and succeeds', async () => {
    const s = await session();
    fake.rateLimit(/^\/user$/, 1, 'secondary', 1);
    const out = await s.call('get_me');
    expect(out.isError, out.text).toBe(false);
    await s.close();
  });

  it('waits out a primary limit (403, remaining 0) that resets soon, then succeeds', async () => {
    const s = await session({ retryAfterUnitMs: 100 });
    fake.rateLimit(/^\/user$/, 1, 'primary', 1);
    const t0 = Date.now();
    const out = await s.call('get_me');
    expect(out.isError, out.text).toBe(false);
    // The reset is 1 s away and the plugin adds 1 s: at least one second's worth of waiting.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
    await s.close();
  });

  it('a primary limit that resets later than the longest wait fails with the reset time', async () => {
    const s = await session();
    fake.rateLimit(/^\/user$/, 1, 'primary', 3600);
    const out = await s.call('get_me');
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/rate limit is used up; it resets at \d{4}-\d\d-\d\dT/);
    await s.close();
  });
});

describe('lockdown', () => {
  it('withholds text from authors without push access in public repositories', async () => {
    const s = await session({ lockdown: true });
    const where = { owner: 'octocat', repo: 'hello-world' };
    const issue = await s.call('issue_read', { ...where, issue_number: 2 });
    expect(issue.structured).toMatchObject({
      issue: { body: expect.stringContaining('withheld by lockdown') },
    });
    const comments = await s.call('issue_read', { ...where, issue_number: 2, method: 'get_comments' });
    expect(comments.structured).toMatchObject({ comments: [{ author: 'alice' }], withheld: 1 });
    const list = await s.call('list_issues', where);
    expect(list.structured).toMatchObject({ issues: [{ number: 1 }], withheld: 1 });
    const search = await s.call('search_issues', { ...where, query: 'is:open' });
    expect(search.structured).toMatchObject({ items: [{ number: 1 }], withheld: 1 });
    const trusted = await s.call('issue_read', { ...where, issue_number: 1 });
    expect(trusted.structured).toMatchObject({ issue: { body: 'It says hi instead of hello.' } });
    await s.close();
  });
});

describe('elicitation', () => {
  it('asks the user before a destructive call and respects a decline', async () => {
    const app = createApp(testConfig(fake.apiUrl), { logger: quietLogger() });
    let answer: 'accept' | 'decline' = 'decline';
    const { asked, options } = elicitingClient(() => answer);
    const client = await connectInProcess(app, options);
    const args = {
      owner: 'octocat',
      repo: 'hello-world',
      branch: 'main',
      path: 'docs/guide.md',
      message: 'rm',
    };
    const declined = await callTool(client, 'delete_file', args);
    expect(declined.text).toMatch(/^The user declined: Delete docs\/guide\.md .*do not retry/);
    answer = 'accept';
    const accepted = await callTool(client, 'delete_file', args);
    expect(accepted.isError, accepted.text).toBe(false);
    expect(asked[0]).toContain('Delete docs/guide.md');
    await client.close();
    await app.close();
  });
});
