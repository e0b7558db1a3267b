import type { ConfirmMode } from '@refmcp/core';
import { callTool, connectInProcess } from '@refmcp/core/testing';
import { OUTSIDER_TOKEN, seedGitHub, startFakeGitHub, TOKEN } from '@refmcp/fake-github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { GitHubConfig } from '../config.js';
import { elicitingClient, quietLogger, testConfig } from '../test-helpers.js';
import { toolsFor } from './index.js';

/** A token of octocat's that also has the delete_repo scope, which `repo` does not include. */
const DELETER = 'ghp_fakeTokenWithDeleteRepo000000000009';

let fake: Awaited<ReturnType<typeof startFakeGitHub>>;
beforeAll(async () => {
  fake = await startFakeGitHub({ gh: seedGitHub() });
  fake.gh.addToken(DELETER, 'octocat', ['repo', 'delete_repo']);
});
afterAll(() => fake.close());

/**
 * A session whose client answers approvals with `answer`; without one, the client cannot ask
 * its user and `confirm` says how the server treats that.
 */
async function session(
  overrides: Partial<GitHubConfig>,
  answer?: 'accept' | 'decline',
  confirm: ConfirmMode = 'destructive',
) {
  const app = createApp(testConfig(fake.apiUrl, { token: DELETER, ...overrides }), {
    logger: quietLogger(),
  });
  const { asked, options } = elicitingClient(() => answer ?? 'decline');
  const client = await connectInProcess(app, answer ? options : { serve: { confirm } });
  return {
    asked,
    client,
    call: (args: Record<string, unknown>) => callTool(client, 'delete_repository', args),
    close: async () => {
      await client.close();
      await app.close();
    },
  };
}

const deletes = (name: string) =>
  fake.gh.calls.filter((c) => c.method === 'DELETE' && c.path === `/repos/octocat/${name}`).length;

describe('delete_repository', () => {
  it('a client that cannot ask is refused, whatever the model writes; --confirm off lets it through', async () => {
    fake.gh.addRepo('octocat', 'old-notes');
    const strict = await session({});
    // The old way around the question, an argument the model writes, approves nothing.
    const unconfirmed = await strict.call({ owner: 'octocat', repo: 'old-notes', confirm: true });
    expect(unconfirmed.isError).toBe(true);
    expect(unconfirmed.text).toMatch(/this client cannot ask for it[\s\S]*--confirm off/);
    expect(fake.gh.repo('octocat', 'old-notes')).toBeDefined();
    await strict.close();

    const s = await session({}, undefined, 'off');
    const out = await s.call({ owner: 'octocat', repo: 'old-notes' });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toEqual({ deleted: 'octocat/old-notes' });
    expect(fake.gh.repo('octocat', 'old-notes')).toBeUndefined();
    const after = await callTool(s.client, 'get_file_contents', { owner: 'octocat', repo: 'old-notes' });
    expect(after.text).toContain('404');
    await s.close();
  });

  it('asks the user through elicitation; a decline deletes nothing', async () => {
    fake.gh.addRepo('octocat', 'keep-me');
    const declined = await session({}, 'decline');
    const out = await declined.call({ owner: 'octocat', repo: 'keep-me' });
    expect(out.text).toMatch(/^The user declined: Delete the repository octocat\/keep-me/);
    expect(declined.asked[0]).toContain('Delete the repository octocat/keep-me');
    expect(fake.gh.repo('octocat', 'keep-me')).toBeDefined();
    expect(deletes('keep-me')).toBe(0);
    await declined.close();

    const accepted = await session({}, 'accept');
    expect((await accepted.call({ owner: 'octocat', repo: 'keep-me' })).isError).toBe(false);
    expect(accepted.asked).toHaveLength(1);
    expect(fake.gh.repo('octocat', 'keep-me')).toBeUndefined();
    await accepted.close();
  });

  it('names the missing delete_repo scope', async () => {
    fake.gh.addRepo('octocat', 'scoped');
    const s = await session({ token: TOKEN }, 'accept');
    const out = await s.call({ owner: 'octocat', repo: 'scoped' });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('lacks the delete_repo scope');
    expect(fake.gh.repo('octocat', 'scoped')).toBeDefined();
    await s.close();
  });

  it('refuses without admin rights before asking anyone', async () => {
    const s = await session({ token: OUTSIDER_TOKEN }, 'accept');
    const out = await s.call({ owner: 'octocat', repo: 'hello-world' });
    expect(out.text).toContain('needs admin rights');
    expect(s.asked).toEqual([]);
    expect(deletes('hello-world')).toBe(0);
    await s.close();
  });

  it('is not offered in read-only mode', async () => {
    const repos = testConfig(fake.apiUrl, { toolsets: ['repos'], readOnly: false });
    expect(toolsFor(repos).map((t) => t.name)).toContain('delete_repository');
    const s = await session({ toolsets: ['all'], readOnly: true });
    const names = (await s.client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('get_file_contents');
    expect(names).not.toContain('delete_repository');
    // A client that calls it anyway learns why, and what a user changes to allow it.
    await expect(callTool(s.client, 'delete_repository', { owner: 'octocat', repo: 'x' })).rejects.toThrow(
      'Tool delete_repository is not offered: the server runs in read-only mode (--read-only or GITHUB_READ_ONLY); restart it without that to allow writes.',
    );
    await s.close();
  });
});
