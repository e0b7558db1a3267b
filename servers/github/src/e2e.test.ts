import { fileURLToPath } from 'node:url';
import type { TestEra } from '@refmcp/core/testing';
import {
  answerApprovals,
  CAN_ASK_USER,
  callEveryTool,
  callTool,
  connectHttp,
  runBin,
  spawnHttpBin,
  spawnStdio,
} from '@refmcp/core/testing';
import {
  type FakeGitHubServer,
  OUTSIDER_TOKEN,
  seedGitHub,
  startFakeGitHub,
  TOKEN,
} from '@refmcp/fake-github';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/** The built binary, exactly as `npx @refmcp/server-github` runs it. */
const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const where = { owner: 'octocat', repo: 'hello-world' };

/** What the user is asked to approve during CALLS: the calls that cannot be undone, in order. */
const APPROVALS = [
  'Delete x.txt from octocat/hello-world@e2e. This cannot be undone. Go ahead?',
  'Delete the repository octocat/e2e-repo with all its issues, pull requests and history. This cannot be undone. Go ahead?',
  'Merge pull request #3 in octocat/hello-world (merge). This cannot be undone. Go ahead?',
];

/** One realistic call per default tool, in an order that works. A new tool without an entry fails. */
const CALLS: Record<string, Record<string, unknown>> = {
  get_me: {},
  get_teams: {},
  get_team_members: { org: 'octo-org', team_slug: 'core' },
  get_file_contents: { ...where, path: 'README.md' },
  list_commits: { ...where, perPage: 5 },
  get_commit: { ...where, sha: 'main' },
  list_branches: where,
  create_branch: { ...where, branch: 'e2e' },
  create_or_update_file: { ...where, branch: 'e2e', path: 'e2e.txt', content: 'hi', message: 'e2e' },
  push_files: { ...where, branch: 'e2e', message: 'more', files: [{ path: 'x.txt', content: 'x' }] },
  delete_file: { ...where, branch: 'e2e', path: 'x.txt', message: 'rm' },
  search_code: { query: 'greet' },
  search_repositories: { query: 'hello' },
  create_repository: { name: 'e2e-repo' },
  fork_repository: { owner: 'octo-org', repo: 'tools' },
  delete_repository: { owner: 'octocat', repo: 'e2e-repo' },
  list_tags: where,
  list_releases: where,
  get_latest_release: where,
  get_release_by_tag: { ...where, tag: 'v1.0.0' },
  release_write: { ...where, method: 'create', tag: 'v9.9.9', draft: true },
  // release_id is set per run: the seeded release's id.
  upload_release_asset: { ...where, name: 'e2e.txt', content: 'e2e' },
  get_tag: { ...where, tag: 'v1.0.0' },
  search_commits: { query: 'initial repo:octocat/hello-world' },
  list_repository_collaborators: where,
  issue_read: { ...where, issue_number: 1 },
  list_issues: where,
  search_issues: { query: 'rude' },
  issue_write: { ...where, method: 'create', title: 'From e2e' },
  add_issue_comment: { ...where, issue_number: 1, body: 'e2e' },
  sub_issue_write: { ...where, method: 'add', issue_number: 1, sub_issue_number: 2 },
  list_issue_types: where,
  list_issue_fields: { owner: 'octo-org' },
  milestone_write: { ...where, method: 'create', title: 'e2e' },
  list_milestones: where,
  pull_request_read: { ...where, pullNumber: 3, method: 'get_files' },
  list_pull_requests: where,
  search_pull_requests: { query: 'polite' },
  create_pull_request: { ...where, title: 'e2e', head: 'e2e', base: 'main' },
  update_pull_request: { ...where, pullNumber: 3, body: 'Updated' },
  pull_request_review_write: { ...where, pullNumber: 3, method: 'create' },
  add_comment_to_pending_review: {
    ...where,
    pullNumber: 3,
    path: 'src/index.ts',
    subjectType: 'FILE',
    body: 'ok',
  },
  // commentId is set per run: the seeded review comment's id.
  add_reply_to_pull_request_comment: { ...where, reaction: 'eyes' },
  update_pull_request_branch: { ...where, pullNumber: 3 },
  merge_pull_request: { ...where, pullNumber: 3 },
  search_users: { query: 'alice' },
};

/** CALLS with the ids of the world as seeded for this run. */
const callsNow = () => {
  const comment = fake.gh.repo('octocat', 'hello-world')?.issues[2]?.pull?.review_comments[0];
  return {
    ...CALLS,
    add_reply_to_pull_request_comment: { ...CALLS.add_reply_to_pull_request_comment, commentId: comment?.id },
    upload_release_asset: {
      ...CALLS.upload_release_asset,
      release_id: fake.gh.repo('octocat', 'hello-world')?.releases[0]?.id,
    },
  };
};

let fake: FakeGitHubServer;
const env = () => ({
  GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN,
  GITHUB_API_URL: fake.apiUrl,
  GITHUB_REQUEST_SPACING_MS: '0',
  LOG_LEVEL: 'debug',
});
/** The seeded world, with a token that may also delete repositories (a scope `repo` lacks). */
function seed() {
  seedGitHub(fake.gh);
  fake.gh.addToken(TOKEN, 'octocat', ['repo', 'read:org', 'gist', 'notifications', 'delete_repo']);
}
beforeAll(async () => {
  fake = await startFakeGitHub();
  seed();
});
afterAll(() => fake.close());

describe.each(['legacy', 'modern'] as const)('the built binary (%s era)', (era: TestEra) => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    // Each run writes; a fresh world keeps the calls valid.
    fake.gh.repos.clear();
    fake.gh.milestones.clear();
    seed();
  });

  it('serves every default tool over stdio, and never logs the token', async () => {
    const server = await spawnStdio({
      command: process.execPath,
      args: [BIN],
      env: env(),
      era,
      client: CAN_ASK_USER,
    });
    cleanups.push(() => server.close());
    const asked = answerApprovals(server.client, 'accept');
    await callEveryTool(server.client, callsNow());
    expect(asked).toEqual(APPROVALS);
    expect(server.stderr()).toContain('serving stdio');
    // Security: debug logging included, the token appears nowhere.
    expect(server.stderr()).not.toContain(TOKEN);
  });

  it('serves prompts with completions from GitHub over stdio and HTTP', async () => {
    const server = await spawnStdio({ command: process.execPath, args: [BIN], env: env(), era });
    cleanups.push(() => server.close());
    const http = await spawnHttpBin({ command: process.execPath, args: [BIN], env: env() });
    cleanups.push(http.stop);
    const overHttp = await connectHttp(http.url, era);
    cleanups.push(() => overHttp.close());
    for (const client of [server.client, overHttp]) {
      const { prompts } = await client.listPrompts();
      // The default toolsets have no actions toolset, so no ci-failures prompt.
      expect(prompts.map((p) => p.name)).toEqual(['triage-issue', 'review-pull-request']);
      const numbers = await client.complete({
        ref: { type: 'ref/prompt', name: 'review-pull-request' },
        argument: { name: 'pullNumber', value: '' },
        context: { arguments: where },
      });
      expect(numbers.completion.values).toEqual(['3']);
      const prompt = await client.getPrompt({
        name: 'review-pull-request',
        arguments: { ...where, pullNumber: '3' },
      });
      expect(prompt.description).toBe('Review octocat/hello-world#3');
    }
  });

  it('serves every default tool over Streamable HTTP', async () => {
    const http = await spawnHttpBin({ command: process.execPath, args: [BIN], env: env() });
    cleanups.push(http.stop);
    const client = await connectHttp(http.url, era, { client: CAN_ASK_USER });
    cleanups.push(() => client.close());
    const asked = answerApprovals(client, 'accept');
    await callEveryTool(client, callsNow());
    expect(asked).toEqual(APPROVALS);
    expect(http.stderr()).not.toContain(TOKEN);
  });
});

describe('command line', () => {
  const run = (args: string[], env: Record<string, string>) => runBin(BIN, args, env);

  it('exits 2 with a clear line when no token is set', async () => {
    const { code, stderr } = await run([], {});
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(/^refmcp-github: Set GITHUB_PERSONAL_ACCESS_TOKEN/);
  });

  it('rejects an unknown toolset with one clear line and exit 2, logging nothing before it', async () => {
    for (const [args, env] of [
      [['--toolsets', 'repos,nope'], { GITHUB_TOKEN: 'x' }],
      [['--http', '--port', '0'], { GITHUB_TOKEN: 'x', GITHUB_TOOLSETS: 'nope' }],
    ] as const) {
      const { code, stderr } = await run([...args], env);
      expect(code).toBe(2);
      expect(stderr.split('\n')).toEqual([
        expect.stringMatching(
          /^refmcp-github: Unknown toolset "nope"\. Known: context, repos, .*, all, default\.$/,
        ),
        "Run 'refmcp-github --help' for usage.",
        '',
      ]);
    }
  });

  it('names the flag and the variable for a bad --gh-host', async () => {
    for (const [args, env] of [
      [['--gh-host', 'http://[bad'], { GITHUB_TOKEN: 'x' }],
      [[], { GITHUB_TOKEN: 'x', GITHUB_API_URL: 'http://[bad' }],
    ] as const) {
      const { code, stderr } = await run([...args], env);
      expect(code).toBe(2);
      expect(stderr.split('\n')[0]).toBe(
        'refmcp-github: --gh-host (GITHUB_API_URL) must be a host name or URL, got "http://[bad".',
      );
    }
  });

  it('exits 2 for an unknown tool in --tools', async () => {
    const { code, stderr } = await run(['--tools', 'nope'], { GITHUB_TOKEN: 'x' });
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown tool "nope"');
  });

  it("hides the tools a classic token's scopes do not allow, learnt with one request at start-up", async () => {
    fake.gh.calls.length = 0;
    const server = await spawnStdio({
      command: process.execPath,
      args: [BIN, '--toolsets', 'context,notifications,gists'],
      env: { GITHUB_TOKEN: OUTSIDER_TOKEN, GITHUB_API_URL: fake.apiUrl },
    });
    try {
      const { tools } = await server.client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['get_gist', 'get_me', 'list_gists']);
      expect(fake.gh.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /user']);
      expect(server.stderr()).toContain('classic token scopes');
      // The operator is told which tools went and which scope would bring each back.
      const hidden = server
        .stderr()
        .split('\n')
        .find((line) => line.includes('tools hidden'));
      expect(JSON.parse(hidden ?? '{}').tools).toMatchObject({
        list_notifications: 'the token lacks the notifications or repo scope',
        create_gist: 'the token lacks the gist scope',
      });
    } finally {
      await server.close();
    }
  });

  it('starts without network access: an unreachable API is only reported on a call', async () => {
    const server = await spawnStdio({
      command: process.execPath,
      args: [BIN, '--read-only', '--toolsets', 'context'],
      env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: 'http://127.0.0.1:9' },
    });
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['get_me', 'get_team_members', 'get_teams']);
    const out = await callTool(server.client, 'get_me');
    expect(out.text).toContain('Cannot reach GitHub');
    await server.close();
  });
});
