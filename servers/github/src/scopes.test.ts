import { callTool, connectInProcess } from '@refmcp/core/testing';
import { OUTSIDER_TOKEN, seedGitHub, startFakeGitHub, TOKEN } from '@refmcp/fake-github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import type { GitHubConfig } from './config.js';
import { grantedScopes, missingScopeFor, TOOL_SCOPES } from './scopes.js';
import { quietLogger, testConfig } from './test-helpers.js';
import { fetchTokenScopes } from './token-scopes.js';

let fake: Awaited<ReturnType<typeof startFakeGitHub>>;
beforeAll(async () => {
  fake = await startFakeGitHub({ gh: seedGitHub() });
});
afterAll(() => fake.close());

async function listed(overrides: Partial<GitHubConfig>) {
  const app = createApp(testConfig(fake.apiUrl, overrides), { logger: quietLogger() });
  const client = await connectInProcess(app);
  return {
    client,
    names: (await client.listTools()).tools.map((t) => t.name),
    close: async () => {
      await client.close();
      await app.close();
    },
  };
}

describe('the scope list', () => {
  it('has an entry for every tool of every toolset, and none for a tool that does not exist', async () => {
    const { names, close } = await listed({ toolsets: ['all'] });
    await close();
    expect(names.filter((name) => !(name in TOOL_SCOPES))).toEqual([]);
    expect(Object.keys(TOOL_SCOPES).filter((name) => !names.includes(name))).toEqual([]);
  });

  it('counts the scopes a scope includes, as GitHub does', () => {
    expect([...grantedScopes(['repo'])]).toEqual(expect.arrayContaining(['public_repo', 'security_events']));
    expect(grantedScopes(['admin:org']).has('read:org')).toBe(true);
    expect(grantedScopes(['public_repo']).has('repo')).toBe(false);
    expect(missingScopeFor('create_branch', ['public_repo'])).toBeUndefined();
    expect(missingScopeFor('get_teams', ['admin:org'])).toBeUndefined();
    expect(missingScopeFor('get_teams', ['repo'])).toBe('the token lacks the read:org scope (it has: repo)');
    expect(missingScopeFor('get_me', [])).toBeUndefined();
  });
});

describe('hiding tools a classic token cannot use', () => {
  it('hides them from tools/list and says which scope is missing when one is called', async () => {
    const s = await listed({ toolsets: ['all'], tokenScopes: ['public_repo'] });
    try {
      for (const hidden of ['get_teams', 'list_notifications', 'delete_repository', 'create_gist'])
        expect(s.names).not.toContain(hidden);
      for (const kept of ['get_me', 'get_file_contents', 'create_branch', 'list_code_scanning_alerts'])
        expect(s.names).toContain(kept);
      await expect(callTool(s.client, 'get_teams', {})).rejects.toThrow(
        'Tool get_teams is not offered: the token lacks the read:org scope (it has: public_repo).',
      );
    } finally {
      await s.close();
    }
  });

  it('hides nothing when the scopes are unknown (fine-grained or GitHub App token)', async () => {
    const all = await listed({ toolsets: ['all'] });
    const unknown = await listed({ toolsets: ['all'], tokenScopes: undefined });
    expect(unknown.names).toEqual(all.names);
    await all.close();
    await unknown.close();
  });
});

describe('learning the scopes at start-up', () => {
  const probe = (token: string, apiUrl = `${fake.apiUrl}/api/v3`) =>
    fetchTokenScopes({ apiUrl, token, logger: quietLogger(), version: 'test' });

  it("reads a classic token's X-OAuth-Scopes with one GET /user", async () => {
    fake.gh.calls.length = 0;
    expect(await probe(TOKEN)).toEqual(['repo', 'read:org', 'gist', 'notifications']);
    expect(await probe(OUTSIDER_TOKEN)).toEqual(['public_repo']);
    expect(fake.gh.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /user', 'GET /user']);
  });

  it('knows none for a fine-grained token, a refused token or an unreachable host', async () => {
    fake.gh.addToken('github_pat_fakeFineGrained000000000009', 'octocat', null);
    expect(await probe('github_pat_fakeFineGrained000000000009')).toBeUndefined();
    expect(await probe('ghp_wrong000000000000000000000000000000')).toBeUndefined();
    expect(await probe(TOKEN, 'http://127.0.0.1:9')).toBeUndefined();
  });
});

describe('an error for a missing scope names it', () => {
  it('a private repository read by a token without repo: 404 naming the scope', async () => {
    const s = await listed({ token: OUTSIDER_TOKEN, tokenScopes: ['public_repo'] });
    try {
      const out = await callTool(s.client, 'get_file_contents', {
        owner: 'octocat',
        repo: 'secret-plans',
        path: 'plan.txt',
      });
      expect(out.isError).toBe(true);
      expect(out.text).toContain('the token lacks the repo scope');
      expect(out.text).not.toContain(OUTSIDER_TOKEN);
    } finally {
      await s.close();
    }
  });
});
