import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/client';
import { callTool, type TestEra } from '@refmcp/core/testing';
import { oauthOf } from '@refmcp/fake-github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_SECRET,
  linkInBrowser,
  type SharedDeployment,
  startSharedDeployment,
} from './test-helpers-upstream.js';

/**
 * Per-user upstream identity over real HTTP: two users of one shared server, each with a real MCP
 * client, each linking their own GitHub account through the fake GitHub's OAuth web flow.
 */
describe.each<TestEra>(['modern', 'legacy'])('--upstream-auth oauth (%s era)', (era) => {
  let d: SharedDeployment;
  let alice: Client;
  let octocat: Client;
  const linked: string[] = [];
  /** Every result and error text the clients read, for the leak check. */
  const results: string[] = [];

  beforeAll(async () => {
    d = await startSharedDeployment();
    alice = await d.connectAs('user-a', era, async (url) => {
      linked.push(url);
      await linkInBrowser(url, 'alice');
    });
    octocat = await d.connectAs('user-b', era, async (url) => {
      linked.push(url);
      await linkInBrowser(url, 'octocat');
    });
  });
  afterAll(async () => {
    await d?.close();
  });

  const issued = (login: string) => oauthOf(d.fake.gh).issued.filter((t) => t.login === login);

  it('links each caller once through URL elicitation, then runs every call with that caller’s own token', async () => {
    const a = await callTool(alice, 'get_me');
    expect(a.isError, a.text).toBe(false);
    results.push(a.text, JSON.stringify(a.raw));
    expect(a.structured).toMatchObject({ login: 'alice' });
    const b = await callTool(octocat, 'get_me');
    expect(b.structured).toMatchObject({ login: 'octocat' });
    results.push(b.text, JSON.stringify(b.raw));
    expect(linked).toHaveLength(2);
    expect(linked[0]).toMatch(/\/connect\/github\?ticket=/);

    // Later calls need no link, and reach GitHub with the token issued to that user.
    const before = d.fake.gh.calls.length;
    await callTool(alice, 'get_file_contents', { owner: 'octocat', repo: 'hello-world', path: 'README.md' });
    await callTool(octocat, 'get_me');
    expect(linked).toHaveLength(2);
    const calls = d.fake.gh.calls.slice(before);
    const [tokenA] = issued('alice');
    const [tokenB] = issued('octocat');
    expect(calls.filter((c) => c.token === tokenA?.token).map((c) => c.login)).toContain('alice');
    expect(calls.filter((c) => c.login === 'alice').every((c) => c.token === tokenA?.token)).toBe(true);
    expect(calls.filter((c) => c.login === 'octocat').every((c) => c.token === tokenB?.token)).toBe(true);
    // No token passthrough: GitHub never saw the bearer token our clients presented.
    expect(d.fake.gh.calls.every((c) => c.token?.startsWith('gho_'))).toBe(true);
  });

  it('records the upstream account in the audit log, and no token anywhere', async () => {
    const lines = readFileSync(d.auditFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const ends = lines.filter((l) => l.event === 'end' && l.tool === 'get_me');
    expect(ends.map((l) => l.upstream)).toEqual(expect.arrayContaining(['github:alice', 'github:octocat']));
    expect(ends.find((l) => l.upstream === 'github:alice')?.subject).toBe('sub:user-a');
    expect(lines.some((l) => l.outcome === 'link_required')).toBe(true);
    const everything = `${readFileSync(d.auditFile, 'utf8')}\n${d.logs.join('')}\n${results.join('\n')}`;
    for (const t of oauthOf(d.fake.gh).issued) expect(everything).not.toContain(t.token);
    expect(everything).not.toContain(CLIENT_SECRET);
  });

  it('asks for a missing scope by name, with a step-up link', async () => {
    const steps: string[] = [];
    const asked: string[] = [];
    const stepper = await d.connectAs('user-c', era, async (url, message) => {
      steps.push(url);
      asked.push(message);
      await linkInBrowser(url, 'octocat');
    });
    // Linked with the default scopes, then a tool that needs delete_repo.
    await callTool(stepper, 'get_me');
    expect(steps).toHaveLength(1);
    const refused = await callTool(stepper, 'list_notifications');
    // The client's user opened the step-up link, which asked for the notifications scope too.
    expect(steps).toHaveLength(2);
    expect(asked[1]).toMatch(/needs the GitHub scope notifications/);
    expect(refused.isError, refused.text).toBe(false);
    expect(issued('octocat').at(-1)?.scopes).toContain('notifications');
  });

  it('sends an unlinked caller whose client cannot open links the link in an error, and links nothing', async () => {
    const plain = await d.connectAs('user-d', era);
    const outcome = await callTool(plain, 'get_me');
    results.push(outcome.text);
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toMatch(/not linked/);
    expect(await d.store.getLink('github', 'sub:user-d')).toBeUndefined();
  });

  it('leads a revoked token back to the link step, not to a raw 401', async () => {
    const revoked = issued('alice').at(-1)?.token ?? '';
    d.fake.gh.tokens.delete(revoked);
    const again = await callTool(alice, 'get_me');
    expect(again.isError, again.text).toBe(false);
    expect(again.structured).toMatchObject({ login: 'alice' });
    expect(issued('alice').at(-1)?.token).not.toBe(revoked);
  });

  it('unlinks on request: the next call asks to link again', async () => {
    const out = await callTool(octocat, 'unlink_account');
    expect(out.structured).toEqual({ unlinked: true, provider: 'github' });
    expect(await d.store.getLink('github', 'sub:user-b')).toBeUndefined();
    const count = linked.length;
    await callTool(octocat, 'get_me');
    expect(linked.length).toBe(count + 1);
  });

  it('never shows a token in any result, error, log line or audit record of the whole run', async () => {
    const everything = `${readFileSync(d.auditFile, 'utf8')}\n${d.logs.join('')}\n${results.join('\n')}`;
    expect(results.length).toBeGreaterThan(3);
    for (const t of oauthOf(d.fake.gh).issued) {
      expect(everything).not.toContain(t.token);
      if (t.refreshToken) expect(everything).not.toContain(t.refreshToken);
    }
  });
});

describe('the link flow refuses what it did not start', () => {
  let d: SharedDeployment;
  beforeAll(async () => {
    d = await startSharedDeployment();
  });
  afterAll(async () => {
    await d?.close();
  });

  it('refuses a forged state, a replayed state, a spent ticket and a callback in another browser', async () => {
    let captured = '';
    const client = await d.connectAs('user-x', 'modern', async (url) => {
      captured = url;
    });
    const first = await callTool(client, 'get_me');
    expect(first.isError).toBe(true);
    expect(first.text).toMatch(/not completed/);
    const base = new URL(captured).origin;

    const forged = await fetch(`${base}/connect/github/callback?code=x&state=forged`);
    expect(forged.status).toBe(400);
    const unknownTicket = await fetch(`${base}/connect/github?ticket=made-up`);
    expect(unknownTicket.status).toBe(400);
    // The consent page shows what this ticket asks for.
    expect(await (await fetch(captured)).text()).toContain('repo read:org');

    // Run the flow by hand to capture the callback URL, then replay it.
    const jar = new Map<string, string>();
    const page = await linkInBrowser(captured, 'alice', jar);
    expect(page).toMatch(/Linked as <strong>alice/);
    const state = [...oauthOf(d.fake.gh).issued].length;
    expect(state).toBe(1);
    const callbacks = d.logs.filter((l) => l.includes('link callback refused'));
    expect(callbacks.length).toBe(1);

    // The same ticket again: spent.
    const spent = await linkInBrowser(captured, 'alice', jar);
    expect(spent).toMatch(/not valid/);
    expect(oauthOf(d.fake.gh).issued).toHaveLength(1);
  });

  it('refuses a replayed callback and one that reaches another browser', async () => {
    let captured = '';
    const client = await d.connectAs('user-y', 'modern', async (url) => {
      captured = url;
    });
    await callTool(client, 'get_me');
    // Start in browser 1, stop before the callback.
    const jar = new Map<string, string>();
    const page = await (await fetch(captured)).text();
    const ticket = /name="ticket" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const started = await fetch(new URL('/connect/github', captured), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ticket }).toString(),
    });
    jar.set(
      'refmcp_link_github',
      /refmcp_link_github=([^;]+)/.exec(started.headers.get('set-cookie') ?? '')?.[1] ?? '',
    );
    const authorize = new URL(started.headers.get('location') ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const approved = await fetch(new URL('/login/oauth/authorize', authorize), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...Object.fromEntries(authorize.searchParams),
        login: 'alice',
        decision: 'approve',
      }).toString(),
    });
    const callback = approved.headers.get('location') ?? '';
    // Another browser (no cookie) gets nothing, and spends the state doing so.
    const elsewhere = await fetch(callback);
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toMatch(/different browser/);
    const replayed = await fetch(callback, {
      headers: { cookie: `refmcp_link_github=${jar.get('refmcp_link_github')}` },
    });
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toMatch(/does not match a link in progress/);
    expect(await d.store.getLink('github', 'sub:user-y')).toBeUndefined();
  });
});

describe('expiring tokens', () => {
  let d: SharedDeployment;
  beforeAll(async () => {
    d = await startSharedDeployment({ expiring: true });
  });
  afterAll(async () => {
    await d?.close();
  });

  it('uses the refresh token when the access token has expired, without asking the user again', async () => {
    const links: string[] = [];
    const client = await d.connectAs('user-r', 'modern', async (url) => {
      links.push(url);
      await linkInBrowser(url, 'alice');
    });
    expect((await callTool(client, 'get_me')).structured).toMatchObject({ login: 'alice' });
    const oauth = oauthOf(d.fake.gh);
    const first = oauth.issued.at(-1);
    expect(first?.refreshToken).toBeDefined();
    // Age the stored token past its expiry, sealed as the server seals it.
    const context = 'github\nsub:user-r';
    const link = await d.store.getLink('github', 'sub:user-r');
    if (!link) throw new Error('not linked');
    const tokens = JSON.parse(d.keyring.open(link.sealed, context)) as Record<string, unknown>;
    await d.store.putLink({
      ...link,
      sealed: d.keyring.seal(JSON.stringify({ ...tokens, expiresAt: Date.now() - 1000 }), context),
    });

    const before = d.fake.gh.calls.length;
    const again = await callTool(client, 'get_me');
    expect(again.structured).toMatchObject({ login: 'alice' });
    expect(links).toHaveLength(1);
    const refreshed = oauth.issued.at(-1);
    expect(refreshed?.token).not.toBe(first?.token);
    expect(d.fake.gh.calls.slice(before).every((c) => c.token === refreshed?.token)).toBe(true);
    // The stored refresh token was replaced by the new one (GitHub's are single use).
    const stored = JSON.parse(
      d.keyring.open((await d.store.getLink('github', 'sub:user-r'))?.sealed ?? '', context),
    );
    expect(stored.refreshToken).toBe(refreshed?.refreshToken);
  });
});

describe('without OAuth: callers are their 2025-11-25 sessions', () => {
  let d: SharedDeployment;
  beforeAll(async () => {
    d = await startSharedDeployment({ oauth: false });
  });
  afterAll(async () => {
    await d?.close();
  });

  it('links per session, and refuses a 2026-era caller who names nobody', async () => {
    const session = await d.connectAs('', 'legacy', (url) => linkInBrowser(url, 'alice').then(() => {}));
    const other = await d.connectAs('', 'legacy', (url) => linkInBrowser(url, 'octocat').then(() => {}));
    expect((await callTool(session, 'get_me')).structured).toMatchObject({ login: 'alice' });
    expect((await callTool(other, 'get_me')).structured).toMatchObject({ login: 'octocat' });
    expect((await callTool(session, 'get_me')).structured).toMatchObject({ login: 'alice' });

    const anonymous = await d.connectAs('', 'modern', (url) => linkInBrowser(url, 'alice').then(() => {}));
    const refused = await callTool(anonymous, 'get_me');
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/does not say who is calling/);
    expect(oauthOf(d.fake.gh).issued).toHaveLength(2);
  });
});
