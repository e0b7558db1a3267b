import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTSIDER_TOKEN, seedGitHub, TOKEN } from './seed.js';
import { type FakeGitHubServer, startFakeGitHub } from './server.js';

let fake: FakeGitHubServer;
beforeAll(async () => {
  fake = await startFakeGitHub({ gh: seedGitHub() });
  fake.gh.addToken(ALICE_TOKEN, 'alice');
});
afterAll(() => fake.close());

const ALICE_TOKEN = 'ghp_fakeTokenForTests000000000000000003';

async function gql(query: string, variables: Record<string, unknown> = {}, token = TOKEN, path = '/graphql') {
  const res = await fetch(`${fake.apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields its query asked for.
  return { status: res.status, json: (await res.json()) as { data?: any; errors?: any[] } };
}

const REST = async (method: string, path: string, body?: unknown, token = TOKEN) => {
  const res = await fetch(`${fake.apiUrl}/repos/octocat/hello-world${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields it needs.
  return { status: res.status, json: (await res.json()) as any };
};

const where = { owner: 'octocat', repo: 'hello-world' };

describe('the fake GraphQL endpoint', () => {
  it("refuses a query with a field GitHub's schema lacks, and records it", async () => {
    const before = fake.gh.graphqlCalls.length;
    const { status, json } = await gql('{ viewer { login nickname } }');
    expect(status).toBe(200);
    expect(json.data).toBeUndefined();
    expect(json.errors?.[0].message).toMatch(/^Cannot query field "nickname" on type "User"/);
    const call = fake.gh.graphqlCalls[before];
    expect(call).toMatchObject({ token: TOKEN, login: 'octocat' });
    expect(call?.errors).toHaveLength(1);
  }, 30_000);

  it('answers 401 without a valid token, like the REST API', async () => {
    expect((await gql('{ viewer { login } }', {}, 'nope')).status).toBe(401);
  });

  it('serves Enterprise Server clients at /api/graphql', async () => {
    const { json } = await gql('{ viewer { login } }', {}, TOKEN, '/api/graphql');
    expect(json).toEqual({ data: { viewer: { login: 'octocat' } } });
  });

  it("names a GitHub App's bot as GraphQL does: a Bot whose login lacks [bot]", async () => {
    const discussion = fake.gh.repo('octocat', 'hello-world')?.discussions[1];
    if (!discussion) throw new Error('the seed has no second discussion');
    fake.gh.addDiscussionComment(discussion, 'github-actions[bot]', 'Labelled automatically.');
    const query = `query($owner: String!, $repo: String!) {
      repository(owner: $owner, name: $repo) {
        discussion(number: 2) { comments(last: 1) { nodes { author { __typename login url } } } }
      }
    }`;
    const { json } = await gql(query, where);
    expect(json.errors).toBeUndefined();
    expect(json.data.repository.discussion.comments.nodes).toEqual([
      {
        author: {
          __typename: 'Bot',
          login: 'github-actions',
          url: expect.stringMatching(/\/apps\/github-actions$/),
        },
      },
    ]);
    discussion.comments.pop();
  });

  it('pages discussions with opaque cursors and requires first or last', async () => {
    const query = `query($owner: String!, $repo: String!, $after: String) {
      repository(owner: $owner, name: $repo) {
        discussions(first: 1, after: $after, orderBy: {field: CREATED_AT, direction: ASC}) {
          totalCount nodes { number title category { name } author { login } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }`;
    const first = (await gql(query, where)).json.data.repository.discussions;
    expect(first.totalCount).toBe(2);
    expect(first.nodes).toEqual([
      {
        number: 1,
        title: 'How do I greet someone by title?',
        category: { name: 'Q&A' },
        author: { login: 'alice' },
      },
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await gql(query, { ...where, after: first.pageInfo.endCursor })).json.data.repository
      .discussions;
    expect(second.nodes.map((d: { number: number }) => d.number)).toEqual([2]);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const unbounded = await gql(
      '{ repository(owner: "octocat", name: "hello-world") { discussions { nodes { id } } } }',
    );
    expect(unbounded.json.errors?.[0]).toMatchObject({ type: 'MISSING_PAGINATION_BOUNDARIES' });
    // A count alone needs no page.
    const count = await gql(
      '{ repository(owner: "octocat", name: "hello-world") { discussions { totalCount } } }',
    );
    expect(count.json).toEqual({ data: { repository: { discussions: { totalCount: 2 } } } });
    const tooMany = await gql(
      '{ repository(owner: "octocat", name: "hello-world") { discussions(first: 101) { totalCount } } }',
    );
    expect(tooMany.json.errors?.[0]).toMatchObject({ type: 'EXCESSIVE_PAGINATION' });
  });

  it('answers NOT_FOUND for a missing repository and for a private one the viewer cannot see', async () => {
    const query = 'query($o: String!, $n: String!) { repository(owner: $o, name: $n) { id } }';
    const missing = await gql(query, { o: 'octocat', n: 'nope' });
    expect(missing.json).toMatchObject({
      data: { repository: null },
      errors: [{ type: 'NOT_FOUND', path: ['repository'] }],
    });
    const hidden = await gql(query, { o: 'octocat', n: 'secret-plans' }, OUTSIDER_TOKEN);
    expect(hidden.json.errors?.[0].message).toBe(
      missing.json.errors?.[0].message.replace('nope', 'secret-plans'),
    );
  });

  it('keeps a pending review to its author until it is submitted', async () => {
    const pending = await REST('POST', '/pulls/3/reviews', {});
    expect(pending.json.state).toBe('PENDING');
    expect(pending.json.submitted_at).toBeUndefined();
    const thread = await gql(
      `mutation($input: AddPullRequestReviewThreadInput!) {
        addPullRequestReviewThread(input: $input) { thread { id line startLine isResolved comments(first: 1) { nodes { fullDatabaseId state } } } }
      }`,
      { input: { pullRequestReviewId: pending.json.node_id, path: 'src/index.ts', body: 'Nit', line: 1 } },
    );
    const added = thread.json.data.addPullRequestReviewThread.thread;
    expect(added).toMatchObject({ line: 1, startLine: null, isResolved: false });
    expect(added.comments.nodes[0].state).toBe('PENDING');

    // A line outside the diff gives no thread, and no error.
    const off = await gql(
      'mutation($input: AddPullRequestReviewThreadInput!) { addPullRequestReviewThread(input: $input) { thread { id } } }',
      { input: { pullRequestReviewId: pending.json.node_id, path: 'src/index.ts', body: 'x', line: 99 } },
    );
    expect(off.json).toEqual({ data: { addPullRequestReviewThread: { thread: null } } });

    // While it is pending: alice does not see it, and octocat cannot reply over REST.
    const alicesView = await REST('GET', '/pulls/3/comments', undefined, ALICE_TOKEN);
    expect(alicesView.json.map((c: { body: string }) => c.body)).toEqual(['Is "Hello there" too informal?']);
    const replyOverRest = await REST('POST', `/pulls/3/comments/${alicesView.json[0].id}/replies`, {
      body: 'No',
    });
    expect(replyOverRest.status).toBe(422);
    expect(replyOverRest.json.errors[0].message).toMatch(/one pending review/);

    const submit = await gql(
      `mutation($input: SubmitPullRequestReviewInput!) { submitPullRequestReview(input: $input) { pullRequestReview { state } } }`,
      { input: { pullRequestReviewId: pending.json.node_id, event: 'COMMENT' } },
    );
    expect(submit.json.data.submitPullRequestReview.pullRequestReview.state).toBe('COMMENTED');
    const again = await gql(
      `mutation($input: SubmitPullRequestReviewInput!) { submitPullRequestReview(input: $input) { pullRequestReview { state } } }`,
      { input: { pullRequestReviewId: pending.json.node_id, event: 'COMMENT' } },
    );
    expect(again.json.errors?.[0]).toMatchObject({
      type: 'UNPROCESSABLE',
      message: 'Review has already been submitted.',
    });
    expect((await REST('GET', '/pulls/3/comments', undefined, ALICE_TOKEN)).json).toHaveLength(2);
  });

  it('lets only writers and the pull request author resolve a thread', async () => {
    const threads = await gql(
      '{ repository(owner: "octocat", name: "hello-world") { pullRequest(number: 3) { reviewThreads(first: 10) { nodes { id } } } } }',
    );
    const id = threads.json.data.repository.pullRequest.reviewThreads.nodes[0].id;
    const mutation =
      'mutation($id: ID!) { resolveReviewThread(input: {threadId: $id}) { thread { isResolved resolvedBy { login } } } }';
    const outsider = await gql(mutation, { id }, OUTSIDER_TOKEN);
    expect(outsider.json.errors?.[0]).toMatchObject({ type: 'FORBIDDEN' });
    const resolved = await gql(mutation, { id });
    expect(resolved.json.data.resolveReviewThread.thread).toEqual({
      isResolved: true,
      resolvedBy: { login: 'octocat' },
    });
    // Again: a no-op, not an error.
    expect((await gql(mutation, { id })).json.errors).toBeUndefined();
  });

  it("serves a project's views and status updates, and changes views with the mutations GitHub added", async () => {
    const { json } = await gql(
      `query($n: Int!) { organization(login: "octo-org") { projectV2(number: $n) { id
        views(first: 5) { nodes { id layout fields(first: 5) { nodes { ... on ProjectV2FieldCommon { name } } } } }
        statusUpdates(first: 5) { nodes { id status creator { login } } } } } }`,
      { n: 1 },
    );
    const project = json.data.organization.projectV2;
    expect(project.views.nodes).toEqual([
      { id: 'PVTV_77', layout: 'BOARD_LAYOUT', fields: { nodes: [{ name: 'Status' }] } },
    ]);
    expect(project.statusUpdates.nodes).toEqual([
      { id: 'PVTSU_78', status: 'ON_TRACK', creator: { login: 'octocat' } },
    ]);
    const update =
      'mutation($i: UpdateProjectV2ViewInput!) { updateProjectV2View(input: $i) { projectV2View { name } } }';
    const outsider = await gql(update, { i: { viewId: 'PVTV_77', name: 'X' } }, OUTSIDER_TOKEN);
    expect(outsider.json.errors?.[0].type).toBe('FORBIDDEN');
    fake.gh.repo('octo-org', 'tools')?.collaborators.set('octocat', 'write');
    const renamed = await gql(update, { i: { viewId: 'PVTV_77', name: 'Flow' } });
    expect(renamed.json.data.updateProjectV2View.projectV2View).toEqual({ name: 'Flow' });
    const created = await gql(
      'mutation($i: CreateProjectV2StatusUpdateInput!) { createProjectV2StatusUpdate(input: $i) { statusUpdate { status project { number } } } }',
      { i: { projectId: project.id, status: 'COMPLETE' } },
    );
    expect(created.json.data.createProjectV2StatusUpdate.statusUpdate).toEqual({
      status: 'COMPLETE',
      project: { number: 1 },
    });
    const missing = await gql('{ user(login: "octo-org") { login } }');
    expect(missing.json.errors?.[0].type).toBe('NOT_FOUND');
  });
});
