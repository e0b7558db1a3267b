import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOpenApi } from './openapi-check.js';
import { OUTSIDER_TOKEN, seedGitHub, TOKEN } from './seed.js';
import { type FakeGitHubServer, startFakeGitHub } from './server.js';

let fake: FakeGitHubServer;
beforeAll(async () => {
  fake = await startFakeGitHub({ gh: seedGitHub() });
  fake.gh.addToken(ADMIN_TOKEN, 'octocat', ['repo', 'delete_repo']);
  fake.gh.addToken(NOT_ADMIN_TOKEN, 'mallory', ['repo', 'delete_repo']);
});
afterAll(() => fake.close());

async function api(
  method: string,
  path: string,
  body?: unknown,
  token = TOKEN,
  accept = 'application/vnd.github+json',
) {
  const res = await fetch(`${fake.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  return { status: res.status, headers: res.headers, json };
}

/** A non-JSON upload, as release assets are sent. */
async function upload(path: string, content: string) {
  const res = await fetch(`${fake.apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
    body: content,
  });
  return { status: res.status, json: await res.json() };
}

const R = '/repos/octocat/hello-world';
const ADMIN_TOKEN = 'ghp_fakeTokenWithDeleteRepo000000000001';
const NOT_ADMIN_TOKEN = 'ghp_fakeTokenWithDeleteRepo000000000002';

/** A session touching every endpoint; the OpenAPI test validates everything it produced. */
async function session() {
  await api('GET', '/user');
  await api('GET', '/users/alice');
  await api('GET', '/user/repos');
  await api('GET', '/users/octocat/repos');
  await api('GET', R);
  await api('GET', `${R}/contents/README.md`);
  await api('GET', `${R}/contents/src`);
  const created = await api('PUT', `${R}/contents/notes/a.md`, {
    message: 'add',
    content: Buffer.from('hi').toString('base64'),
  });
  const sha = created.json.content.sha as string;
  await api('PUT', `${R}/contents/notes/a.md`, {
    message: 'edit',
    content: Buffer.from('ho').toString('base64'),
    sha: 'wrong',
  });
  await api('PUT', `${R}/contents/notes/a.md`, {
    message: 'edit',
    content: Buffer.from('ho').toString('base64'),
  });
  const edited = await api('GET', `${R}/contents/notes/a.md`);
  await api('DELETE', `${R}/contents/notes/a.md`, { message: 'rm', sha: edited.json.sha ?? sha });
  await api('GET', `${R}/commits?per_page=2`);
  const head = (await api('GET', `${R}/git/ref/heads/main`)).json.object.sha as string;
  await api('GET', `${R}/commits/${head}`);
  await api('GET', `${R}/branches`);
  await api('GET', `${R}/collaborators/mallory/permission`);
  await api('POST', `${R}/git/refs`, { ref: 'refs/heads/topic', sha: head });
  const blob = await api('POST', `${R}/git/blobs`, { content: 'x', encoding: 'utf-8' });
  const base = await api('GET', `${R}/git/trees/${head}`);
  const tree = await api('POST', `${R}/git/trees`, {
    base_tree: base.json.sha,
    tree: [{ path: 'x.txt', mode: '100644', type: 'blob', sha: blob.json.sha }],
  });
  const commit = await api('POST', `${R}/git/commits`, {
    message: 'x',
    tree: tree.json.sha,
    parents: [head],
  });
  await api('PATCH', `${R}/git/refs/heads/topic`, { sha: commit.json.sha });
  await api('GET', `${R}/git/trees/${head}?recursive=1`);
  await api('GET', `${R}/tags`);
  await api('GET', `${R}/releases`);
  await api('GET', `${R}/releases/latest`);
  await api('GET', `${R}/releases/tags/v1.0.0`);
  const rel = await api('POST', `${R}/releases`, { tag_name: 'v2.0.0', name: 'Two', draft: true });
  await api('PATCH', `${R}/releases/${rel.json.id}`, { draft: false, body: 'Notes' });
  await upload(`${R}/releases/${rel.json.id}/assets?name=a.txt&label=A`, 'asset bytes');
  await api('GET', `${R}/releases/${rel.json.id}/assets`);
  await api('GET', `${R}/releases/${rel.json.id}`);
  await api('DELETE', `${R}/releases/${rel.json.id}`);
  await api('GET', `${R}/collaborators?affiliation=direct`);
  await api('PUT', '/user/starred/octo-org/tools');
  await api('GET', '/user/starred');
  await api('GET', '/users/octocat/starred');
  await api('DELETE', '/user/starred/octo-org/tools');
  await api('GET', '/search/commits?q=initial+repo:octocat/hello-world&sort=author-date');
  await api('GET', '/search/users?q=octo+type:org');
  await api('GET', '/advisories?ecosystem=npm&severity=high&affects=left-pad');
  await api('GET', '/advisories/GHSA-4w2m-9vq8-c3hx');
  await api('GET', `${R}/security-advisories?state=published`);
  await api('GET', '/orgs/octo-org/security-advisories');
  await api('GET', `${R}/code-quality/findings/1`);
  await api('GET', '/orgs/octo-org/issue-types');
  await api('GET', '/repos/octo-org/tools/issue-types');
  await api('GET', '/orgs/octo-org/issue-fields');
  const P = '/orgs/octo-org/projectsV2';
  await api('GET', `${P}?q=roadmap+is:open`);
  await api('GET', `${P}/1`);
  const fields = await api('GET', `${P}/1/fields`);
  await api('GET', `${P}/1/fields/${fields.json[1].id}`);
  await api('GET', `${P}/1/items?fields=${fields.json.map((f: { id: number }) => f.id).join(',')}`);
  await api('GET', '/users/octocat/projectsV2');
  fake.gh.repo('octo-org', 'tools')?.collaborators.set('octocat', 'write');
  await api('POST', `${P}/1/views`, { name: 'Sizes', layout: 'table', visible_fields: [fields.json[1].id] });
  await api('POST', `${P}/1/fields`, {
    name: 'Sprint',
    data_type: 'iteration',
    iteration_configuration: { start_date: '2026-01-05', duration: 14 },
  });
  await api('GET', `${P}/1/fields`);
  const added = await api('POST', `${P}/1/items`, {
    type: 'Issue',
    owner: 'octocat',
    repo: 'hello-world',
    number: 2,
  });
  await api('GET', `${P}/1/items/${added.json.id}`);
  await api('PATCH', `${P}/1/items/${added.json.id}`, { fields: [{ id: fields.json[2].id, value: 3 }] });
  await api('DELETE', `${P}/1/items/${added.json.id}`);
  fake.gh.repo('octo-org', 'tools')?.collaborators.delete('octocat');
  await api('PUT', '/notifications/threads/1/subscription', { ignored: true });
  await api('DELETE', '/notifications/threads/1/subscription');
  await api('PUT', `${R}/subscription`, { subscribed: true });
  await api('GET', `${R}/subscription`);
  await api('DELETE', `${R}/subscription`);
  await api('POST', '/user/repos', { name: 'new-repo', private: true });
  await api('POST', '/repos/octo-org/tools/forks', {});
  await api('POST', '/user/repos', { name: 'doomed' });
  await api('DELETE', '/repos/octocat/doomed');
  await api('DELETE', '/repos/octocat/doomed', undefined, NOT_ADMIN_TOKEN);
  await api('DELETE', '/repos/octocat/doomed', undefined, ADMIN_TOKEN);
  await api('DELETE', '/repos/octocat/doomed', undefined, ADMIN_TOKEN);
  await api('GET', `${R}/issues?state=all`);
  const issue = await api('POST', `${R}/issues`, { title: 'New', body: 'b', labels: ['bug'] });
  await api('GET', `${R}/issues/1`);
  await api('PATCH', `${R}/issues/${issue.json.number}`, { state: 'closed' });
  await api('GET', `${R}/issues/2/comments`);
  await api('POST', `${R}/issues/1/comments`, { body: 'hi' });
  await api('GET', `${R}/issues/1/labels`);
  await api('POST', `${R}/issues/1/sub_issues`, { sub_issue_id: issue.json.id });
  await api('GET', `${R}/issues/1/sub_issues`);
  const ms = await api('POST', `${R}/milestones`, { title: 'v2', due_on: '2026-06-01T00:00:00Z' });
  await api('PATCH', `${R}/milestones/${ms.json.number}`, { state: 'closed' });
  await api('GET', `${R}/milestones?state=all`);
  await api('GET', `${R}/milestones/${ms.json.number}`);
  await api('PATCH', `${R}/issues/2`, { milestone: ms.json.number });
  fake.gh.repo('octo-org', 'tools')?.collaborators.set('octocat', 'write');
  const priority = fake.gh.issueFields.get('octo-org')?.[0]?.id;
  await api('PATCH', '/repos/octo-org/tools/issues/1', {
    type: 'Bug',
    issue_field_values: [{ field_id: priority, value: 'P1' }],
  });
  await api('DELETE', `/repos/octo-org/tools/issues/1/issue-field-values/${priority}`);
  fake.gh.repo('octo-org', 'tools')?.collaborators.delete('octocat');
  await api('GET', `${R}/issues/${issue.json.number}/parent`);
  await api('POST', `${R}/issues/2/sub_issues`, { sub_issue_id: issue.json.id, replace_parent: true });
  await api('POST', `${R}/issues/2/sub_issues`, {
    sub_issue_id: (await api('GET', `${R}/issues/1`)).json.id,
  });
  await api('PATCH', `${R}/issues/2/sub_issues/priority`, {
    sub_issue_id: issue.json.id,
    after_id: (await api('GET', `${R}/issues/1`)).json.id,
  });
  await api('POST', `${R}/issues/1/sub_issues`, { sub_issue_id: issue.json.id, replace_parent: true });
  await api('DELETE', `${R}/issues/1/sub_issue`, { sub_issue_id: issue.json.id });
  await api('GET', `${R}/pulls`);
  await api('GET', `${R}/pulls/3`);
  await api('GET', `${R}/pulls/3/files`);
  await api('GET', `${R}/pulls/3/commits`);
  await api('POST', `${R}/pulls/3/reviews`, { event: 'COMMENT', body: 'ok' });
  await api('GET', `${R}/pulls/3/reviews`);
  const reviewComments = await api('GET', `${R}/pulls/3/comments`);
  const commentId = reviewComments.json[0].id as number;
  await api('POST', `${R}/pulls/3/comments/${commentId}/replies`, { body: 'Fine by me.' });
  await api('POST', `${R}/pulls/comments/${commentId}/reactions`, { content: 'heart' });
  await api('POST', `${R}/pulls/comments/${commentId}/reactions`, { content: 'heart' });
  await api('POST', `${R}/pulls/3/reviews`, {});
  await api('POST', `${R}/pulls/3/comments/${commentId}/replies`, { body: 'Refused while pending.' });
  await api('GET', `${R}/pulls/3/comments`);
  await api('GET', `${R}/commits/main/status`);
  await api('GET', `${R}/commits/main/check-runs`);
  await api('POST', `${R}/pulls`, { title: 'Topic', head: 'topic', base: 'main' });
  await api('PATCH', `${R}/pulls/3`, { title: 'Be more polite!' });
  await api('PUT', `${R}/pulls/3/update-branch`, {});
  await api('PUT', `${R}/pulls/3/merge`, { merge_method: 'merge' });
  await api('GET', '/search/repositories?q=hello');
  await api('GET', '/search/code?q=greet');
  await api('GET', '/search/issues?q=is:issue+rude');
  await api('GET', '/search/users?q=ali');
  await api('GET', '/user/teams');
  await api('GET', `${R}/labels`);
  await api('GET', `${R}/labels/bug`);
  await api('POST', `${R}/labels`, { name: 'docs', color: '0075ca' });
  await api('PATCH', `${R}/labels/docs`, { description: 'Documentation' });
  await api('DELETE', `${R}/labels/docs`);
  await api('GET', '/notifications');
  await api('GET', `${R}/notifications?all=true`);
  await api('GET', '/notifications/threads/1');
  await api('PATCH', '/notifications/threads/1');
  await api('DELETE', '/notifications/threads/2');
  await api('PUT', '/notifications', {});
  await api('PUT', `${R}/notifications`, {});
  await api('GET', `${R}/actions/workflows`);
  const runs = await api('GET', `${R}/actions/runs`);
  const runId = runs.json.workflow_runs[0].id;
  await api('GET', `${R}/actions/workflows/ci.yml`);
  await api('GET', `${R}/actions/runs/${runId}`);
  const jobs = await api('GET', `${R}/actions/runs/${runId}/jobs`);
  await api('GET', `${R}/actions/jobs/${jobs.json.jobs[1].id}`);
  await api('POST', `${R}/actions/workflows/ci.yml/dispatches`, { ref: 'main' });
  await api('GET', `${R}/actions/runs/${runId}/artifacts`);
  await api('GET', `${R}/actions/workflows/ci.yml/runs?branch=main&event=push`);
  await api('GET', `${R}/actions/runs/${runId}/timing`);
  await api('POST', `${R}/actions/runs/${runId}/rerun-failed-jobs`, {});
  await api('DELETE', `${R}/actions/runs/${runId}/logs`);
  await api('POST', `${R}/actions/runs/${runId}/rerun`, {});
  await api('POST', `${R}/actions/runs/${runId}/cancel`, {});
  for (const kind of ['code-scanning', 'secret-scanning', 'dependabot']) {
    await api('GET', `${R}/${kind}/alerts?state=open`);
    await api('GET', `${R}/${kind}/alerts/1`);
  }
  await api('GET', '/gists');
  await api('GET', '/users/octocat/gists');
  const newGist = await api('POST', '/gists', { files: { 'a.txt': { content: 'a' } }, public: false });
  await api('GET', `/gists/${newGist.json.id}`);
  await api('PATCH', `/gists/${newGist.json.id}`, { description: 'd' });
  await api('GET', '/orgs/octo-org/teams/core/members');
  await api('GET', '/repos/octocat/secret-plans', undefined, OUTSIDER_TOKEN);
  await api('GET', `${R}/issues/999`);
}

describe('the fake GitHub API', () => {
  it("answers 401 without a valid token, with GitHub's error body", async () => {
    const res = await api('GET', '/user', undefined, 'nope');
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ message: 'Bad credentials', documentation_url: expect.any(String) });
  });

  it('hides private repositories from outsiders behind a 404', async () => {
    expect((await api('GET', '/repos/octocat/secret-plans', undefined, OUTSIDER_TOKEN)).status).toBe(404);
    expect((await api('GET', '/repos/octocat/secret-plans')).status).toBe(200);
  });

  it('paginates with a Link header and sends ETags that answer 304', async () => {
    const first = await api('GET', `${R}/issues?state=all&per_page=1`);
    expect(first.headers.get('link')).toMatch(/[?&]page=2>; rel="next"/);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    const conditional = (ifNoneMatch: string) =>
      fetch(`${fake.apiUrl}${R}/issues?state=all&per_page=1`, {
        headers: { authorization: `Bearer ${TOKEN}`, 'if-none-match': ifNoneMatch },
      });
    const again = await conditional(etag);
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    // Weak comparison, and a list of tags.
    expect((await conditional(etag.slice(2))).status).toBe(304);
    expect((await conditional(`"stale", ${etag}`)).status).toBe(304);
    expect((await conditional('W/"stale"')).status).toBe(200);
    // A change to the resource changes its ETag.
    const before = (await api('GET', `${R}/issues/1`)).headers.get('etag');
    await api('POST', `${R}/issues/1/comments`, { body: 'etag bump' });
    expect((await api('GET', `${R}/issues/1`)).headers.get('etag')).not.toBe(before);
  });

  it('refuses with primary and secondary rate limits', async () => {
    fake.rateLimit(/^\/user$/, 1, 'primary', 30);
    const primary = await api('GET', '/user');
    expect(primary.status).toBe(403);
    expect(primary.headers.get('x-ratelimit-remaining')).toBe('0');
    fake.rateLimit(/^\/user$/, 1, 'secondary', 2);
    const secondary = await api('GET', '/user');
    expect(secondary.status).toBe(429);
    expect(secondary.headers.get('retry-after')).toBe('2');
    expect((await api('GET', '/user')).status).toBe(200);
  });

  it('fails with a server error as many times as asked, then recovers', async () => {
    fake.serverError(/^\/user$/, 2, 503);
    expect((await api('GET', '/user')).status).toBe(503);
    const second = await api('GET', '/user');
    expect(second.status).toBe(503);
    expect(second.json).toMatchObject({ message: 'Server Error' });
    expect((await api('GET', '/user')).status).toBe(200);
  });

  it('floods a list on request: the real items repeated, streamed without a Content-Length', async () => {
    const real = await api('GET', `${R}/issues?state=all&per_page=2`);
    fake.floodList(/\/issues$/, 5_000);
    const flooded = await api('GET', `${R}/issues?state=all&per_page=2`);
    expect(flooded.status).toBe(200);
    expect(flooded.headers.get('content-length')).toBeNull();
    expect(flooded.json).toHaveLength(5_000);
    expect(flooded.json[4_999]).toEqual(real.json[1]);
    // Once: the next answer is a real page again.
    expect((await api('GET', `${R}/issues?state=all&per_page=2`)).json).toEqual(real.json);
  });

  it('answers with whatever a test gives, once', async () => {
    fake.answerNext(/^\/user$/, { status: 200, body: { login: 42 } });
    expect((await api('GET', '/user')).json).toEqual({ login: 42 });
    expect((await api('GET', '/user')).json).toMatchObject({ login: 'octocat' });
  });

  it("reports a classic token's scopes, and none for a fine-grained token", async () => {
    const classic = await api('GET', '/user');
    expect(classic.headers.get('x-oauth-scopes')).toBe('repo, read:org, gist, notifications');
    fake.gh.addToken('github_pat_fakeFineGrained000000000001', 'octocat', null);
    const fineGrained = await api('GET', '/user', undefined, 'github_pat_fakeFineGrained000000000001');
    expect(fineGrained.status).toBe(200);
    expect(fineGrained.headers.has('x-oauth-scopes')).toBe(false);
    // Its permissions are not scopes: the fake lets it through where a scope is asked for.
    const notifications = await api(
      'GET',
      '/notifications',
      undefined,
      'github_pat_fakeFineGrained000000000001',
    );
    expect(notifications.status).toBe(200);
  });

  it('answers 404 naming the repo scope for a private repository a classic token cannot see', async () => {
    fake.gh.addToken('ghp_fakeTokenPublicOnly000000000000001', 'octocat', ['public_repo']);
    const hidden = await api(
      'GET',
      '/repos/octocat/secret-plans',
      undefined,
      'ghp_fakeTokenPublicOnly000000000000001',
    );
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('x-accepted-oauth-scopes')).toBe('repo');
    expect(hidden.headers.get('x-oauth-scopes')).toBe('public_repo');
    expect((await api('GET', '/repos/octocat/secret-plans')).status).toBe(200);
    const notifications = await api(
      'GET',
      '/notifications',
      undefined,
      'ghp_fakeTokenPublicOnly000000000000001',
    );
    expect(notifications.status).toBe(403);
    expect(notifications.headers.get('x-accepted-oauth-scopes')).toBe('notifications, repo');
  });

  it('deletes a repository only with the delete_repo scope and admin rights', async () => {
    await api('POST', '/user/repos', { name: 'short-lived' });
    const path = '/repos/octocat/short-lived';
    const noScope = await api('DELETE', path);
    expect(noScope.status).toBe(403);
    expect(noScope.headers.get('x-accepted-oauth-scopes')).toBe('delete_repo');
    expect((await api('DELETE', path, undefined, NOT_ADMIN_TOKEN)).status).toBe(403);
    const deleted = await api('DELETE', path, undefined, ADMIN_TOKEN);
    expect(deleted.status).toBe(204);
    expect(deleted.json).toBe('');
    expect((await api('GET', path)).status).toBe(404);
    expect((await api('DELETE', path, undefined, ADMIN_TOKEN)).status).toBe(404);
  });

  it('writes files with the contents API and refuses a stale sha with 409', async () => {
    const put = await api('PUT', `${R}/contents/a/b.txt`, {
      message: 'm',
      content: Buffer.from('one').toString('base64'),
    });
    expect(put.status).toBe(201);
    const stale = await api('PUT', `${R}/contents/a/b.txt`, {
      message: 'm',
      content: 'dHdv',
      sha: 'f'.repeat(40),
    });
    expect(stale.status).toBe(409);
    const raw = await api(
      'GET',
      `${R}/contents/a/b.txt`,
      undefined,
      TOKEN,
      'application/vnd.github.raw+json',
    );
    expect(raw.json).toBe('one');
  });

  it("conforms to GitHub's OpenAPI description for every response it sends", async () => {
    await session();
    const checker = loadOpenApi();
    const problems: string[] = [];
    for (const r of fake.responses) {
      if (typeof r.body === 'string') continue;
      const errors = checker.check(r.method, r.path, r.status, r.body);
      if (errors.length > 0) problems.push(`${r.method} ${r.path} ${r.status}: ${errors.join('; ')}`);
    }
    expect(problems).toEqual([]);
    // Only the deliberate misses: a route the fake lacks would show up here as a 404.
    const misses = new Set(fake.responses.filter((r) => r.status === 404).map((r) => r.path));
    expect([...misses].sort()).toEqual([
      '/repos/octocat/doomed',
      '/repos/octocat/hello-world/issues/999',
      '/repos/octocat/secret-plans',
      '/repos/octocat/short-lived',
    ]);
    expect(fake.responses.length).toBeGreaterThan(50);
  }, 60_000);
});
