import { callTool, connectInProcess } from '@refmcp/core/testing';
import { seedGitHub, startFakeGitHub } from '@refmcp/fake-github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import type { GitHubConfig } from './config.js';
import { DEFAULT_TRUSTED_BOTS, trustedBotsFrom } from './lockdown.js';
import { quietLogger, testConfig } from './test-helpers.js';

let fake: Awaited<ReturnType<typeof startFakeGitHub>>;
const where = { owner: 'octocat', repo: 'hello-world', issue_number: 2, method: 'get_comments' };

beforeAll(async () => {
  const gh = seedGitHub();
  const issue = gh.repo('octocat', 'hello-world')?.issues[1];
  if (!issue) throw new Error('the seed changed: issue 2 of octocat/hello-world is gone');
  gh.addComment(issue, 'github-actions[bot]', 'CI failed: 3 tests in src/greet.test.ts.');
  const discussion = gh.repo('octocat', 'hello-world')?.discussions[1];
  if (!discussion) throw new Error('the seed changed: discussion 2 of octocat/hello-world is gone');
  gh.addDiscussionComment(discussion, 'github-actions[bot]', 'Labelled: idea.');
  fake = await startFakeGitHub({ gh });
});
afterAll(() => fake.close());

async function commentsWith(overrides: Partial<GitHubConfig>, tool = 'issue_read', args: object = where) {
  const app = createApp(testConfig(fake.apiUrl, { lockdown: true, ...overrides }), { logger: quietLogger() });
  const client = await connectInProcess(app);
  try {
    return (await callTool(client, tool, { ...args })).structured as {
      comments: Array<{ author: string; body: string }>;
      withheld: number;
    };
  } finally {
    await client.close();
    await app.close();
  }
}

describe('lockdown trusted bots', () => {
  it('shows github-actions[bot] by default, without asking GitHub about its permission', async () => {
    fake.gh.calls.length = 0;
    const { comments, withheld } = await commentsWith({ lockdownTrustedBots: [...DEFAULT_TRUSTED_BOTS] });
    expect(comments.map((c) => c.author)).toEqual(['alice', 'github-actions[bot]']);
    expect(comments[1]?.body).toBe('CI failed: 3 tests in src/greet.test.ts.');
    expect(withheld).toBe(1);
    const asked = fake.gh.calls.filter((c) => c.path.includes('/collaborators/'));
    expect(asked.map((c) => c.path)).not.toContain(
      '/repos/octocat/hello-world/collaborators/github-actions[bot]/permission',
    );
  });

  it('recognises the bot in GraphQL answers too, where its login lacks [bot]', async () => {
    const discussion = { owner: 'octocat', repo: 'hello-world', discussionNumber: 2 };
    const trusted = await commentsWith({}, 'get_discussion_comments', discussion);
    expect(trusted.comments.map((c) => c.author)).toEqual(['github-actions[bot]']);
    expect(trusted.withheld).toBe(1);
    const none = await commentsWith({ lockdownTrustedBots: [] }, 'get_discussion_comments', discussion);
    expect(none.comments).toEqual([]);
    expect(none.withheld).toBe(2);
  });

  it('withholds the bot like any outsider when no bot is trusted', async () => {
    const { comments, withheld } = await commentsWith({ lockdownTrustedBots: [] });
    expect(comments.map((c) => c.author)).toEqual(['alice']);
    expect(withheld).toBe(2);
  });

  it('trusts only the configured bots', async () => {
    const { comments } = await commentsWith({ lockdownTrustedBots: ['dependabot[bot]'] });
    expect(comments.map((c) => c.author)).toEqual(['alice']);
  });
});

describe('--lockdown-trusted-bots', () => {
  it('takes bot logins, lower-cased, or none', () => {
    expect(trustedBotsFrom(['GitHub-Actions[bot]', 'renovate[bot]'])).toEqual([
      'github-actions[bot]',
      'renovate[bot]',
    ]);
    expect(trustedBotsFrom(['none'])).toEqual([]);
  });

  it('refuses a login that is not a bot, which a person could register', () => {
    expect(() => trustedBotsFrom(['mallory'])).toThrow(/bot logins such as github-actions\[bot\].*"mallory"/);
    expect(() => trustedBotsFrom(['evil[bot]x'])).toThrow(/"evil\[bot\]x"/);
  });
});
