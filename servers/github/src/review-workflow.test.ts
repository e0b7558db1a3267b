import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import type { TestEra } from '@refmcp/core/testing';
import { callTool, connectHttp, spawnHttpBin, spawnStdio } from '@refmcp/core/testing';
import { type FakeGitHubServer, seedGitHub, startFakeGitHub, TOKEN } from '@refmcp/fake-github';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * A whole review through the built binary, as a model would run it: start a pending review,
 * comment on a line, reply to a colleague's comment, resolve their thread, submit. Over stdio and
 * Streamable HTTP, in both protocol eras, against the fake GitHub (REST and GraphQL).
 */

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const pr = { owner: 'octocat', repo: 'hello-world', pullNumber: 3 };

type Thread = {
  id: string;
  path: string;
  isResolved: boolean;
  comments: Array<{ id: number; author: string; body: string }>;
};

async function review(client: Client) {
  const call = async (name: string, args: Record<string, unknown>) => {
    const out = await callTool(client, name, args);
    expect(out.isError, `${name}: ${out.text}`).toBe(false);
    return out.structured as Record<string, unknown>;
  };
  const threads = async () =>
    (await call('pull_request_read', { ...pr, method: 'get_review_comments' })).threads as Thread[];

  expect(await call('pull_request_review_write', { ...pr, method: 'create' })).toMatchObject({
    state: 'PENDING',
  });
  const mine = await call('add_comment_to_pending_review', {
    ...pr,
    path: 'src/index.ts',
    subjectType: 'LINE',
    line: 1,
    side: 'RIGHT',
    body: 'Maybe "Hello, dear"?',
  });
  const [colleagues] = await threads();
  const theirs = colleagues?.comments[0];
  expect(theirs?.author).toBe('alice');
  expect(
    await call('add_reply_to_pull_request_comment', { ...pr, commentId: theirs?.id, body: 'It is fine.' }),
  ).toMatchObject({ comment: { pending: true } });
  expect(
    await call('pull_request_review_write', { ...pr, method: 'resolve_thread', threadId: colleagues?.id }),
  ).toEqual({ threadId: colleagues?.id, isResolved: true });
  expect(
    await call('pull_request_review_write', {
      ...pr,
      method: 'submit_pending',
      event: 'COMMENT',
      body: 'Two notes.',
    }),
  ).toMatchObject({ state: 'COMMENTED' });

  const after = await threads();
  expect(after.map((t) => [t.id, t.isResolved, t.comments.map((c) => c.body)])).toEqual([
    [colleagues?.id, true, ['Is "Hello there" too informal?', 'It is fine.']],
    [mine.threadId, false, ['Maybe "Hello, dear"?']],
  ]);
}

let fake: FakeGitHubServer;
const env = () => ({
  GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN,
  GITHUB_API_URL: fake.apiUrl,
  GITHUB_REQUEST_SPACING_MS: '0',
});
beforeAll(async () => {
  fake = await startFakeGitHub({ gh: seedGitHub() });
});
afterAll(() => fake.close());

describe.each(['legacy', 'modern'] as const)('a pull request review (%s era)', (era: TestEra) => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    // A fresh world: each run leaves a submitted review and a resolved thread behind.
    fake.gh.repos.clear();
    seedGitHub(fake.gh);
  });

  /** What reached GitHub's GraphQL endpoint during one run: valid queries, with the user's token. */
  function checkGraphql(from: number) {
    const calls = fake.gh.graphqlCalls.slice(from);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.flatMap((c) => c.errors)).toEqual([]);
    expect(new Set(calls.map((c) => c.token))).toEqual(new Set([TOKEN]));
  }

  it('over stdio', async () => {
    const server = await spawnStdio({ command: process.execPath, args: [BIN], env: env(), era });
    cleanups.push(() => server.close());
    const from = fake.gh.graphqlCalls.length;
    await review(server.client);
    checkGraphql(from);
    // Security: the token appears nowhere in what the server logs.
    expect(server.stderr()).not.toContain(TOKEN);
  });

  it('over Streamable HTTP', async () => {
    const http = await spawnHttpBin({ command: process.execPath, args: [BIN], env: env() });
    cleanups.push(http.stop);
    const client = await connectHttp(http.url, era);
    cleanups.push(() => client.close());
    const from = fake.gh.graphqlCalls.length;
    await review(client);
    checkGraphql(from);
  });
});
