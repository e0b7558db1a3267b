import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { createLogger, type McpApp } from '@refmcp/core';
import { createOAuthResourceServer, openAuditLog } from '@refmcp/core/http';
import {
  callTool,
  connectHttp,
  freePort,
  startHttpForTest,
  type TestEra,
  type TestHttpServer,
} from '@refmcp/core/testing';
import { createKeyring, createUpstreamAuth, openSqliteStore } from '@refmcp/core/upstream';
import { type FakeSlack, seedWorkspace, slackOAuthOf, startFakeSlack } from '@refmcp/fake-slack';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { testConfig } from './test-helpers.js';
import { slackProvider } from './upstream-provider.js';

const CLIENT_ID = '1234.5678';
const CLIENT_SECRET = 'fake-slack-client-secret-0123';
const ISSUER = 'https://auth.test';

/**
 * Per-user Slack identity over real HTTP: two members of one shared server, each with a real MCP
 * client, each linking their own Slack account through the fake Slack's OAuth v2 flow.
 */
describe.each<TestEra>(['modern', 'legacy'])('slack --upstream-auth oauth (%s era)', (era) => {
  let fake: FakeSlack;
  let app: McpApp;
  let http: TestHttpServer;
  let dir: string;
  let connectAs: (sub: string, member?: string) => Promise<Client>;
  const logs: string[] = [];
  const opened: string[] = [];
  const asked: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'refmcp-slack-upstream-'));
    fake = await startFakeSlack({ workspace: seedWorkspace() });
    slackOAuthOf(fake.workspace).apps.set(CLIENT_ID, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const logger = createLogger({ name: 'refmcp-slack', level: 'debug', write: (line) => logs.push(line) });
    const config = testConfig(fake.apiUrl, { token: '', tokenKind: 'user' });
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const auth = createUpstreamAuth({
      // Linking asks for less than search needs, so a search meets Slack's missing_scope.
      provider: slackProvider({
        apiUrl: config.apiUrl,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        scopes: ['channels:read', 'channels:history', 'users:read'],
      }),
      store: openSqliteStore(join(dir, 'tokens.db')),
      keyring: createKeyring([Buffer.alloc(32, 9)]),
      publicUrl,
      serverName: 'refmcp-slack',
      logger,
    });
    app = createApp(config, { logger, upstreamAuth: auth });
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const oauth = createOAuthResourceServer({
      issuer: ISSUER,
      jwksUrl: `${ISSUER}/jwks`,
      resourceUrl: `${publicUrl}/mcp`,
      tools: app.tools,
      keys: async () => publicKey,
    });
    const audit = openAuditLog({ file: join(dir, 'audit.jsonl'), server: app.name, redact: app.redact });
    http = await startHttpForTest(app, {
      port,
      authenticate: oauth.authenticate,
      serve: { audit, allowTool: oauth.allowTool },
    });
    connectAs = async (sub, member) => {
      const bearer = await new SignJWT({ scope: 'mcp:read mcp:write', client_id: 'c' })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(ISSUER)
        .setAudience(`${publicUrl}/mcp`)
        .setSubject(sub)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
      return connectHttp(http.url, era, {
        headers: { authorization: `Bearer ${bearer}` },
        client: { capabilities: { elicitation: { url: {} } } },
        beforeConnect: (client) =>
          client.setRequestHandler('elicitation/create', async (request) => {
            const { url, message } = request.params as { url?: string; message?: string };
            if (!member || !url) return { action: 'decline' };
            opened.push(url);
            asked.push(message ?? '');
            await allowInBrowser(url, member);
            return { action: 'accept' };
          }),
      });
    };
  });
  afterAll(async () => {
    await http?.close();
    await app?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs each member's calls with the token Slack issued to that member", async () => {
    const alice = await connectAs('member-a', 'U0ALICE');
    const bob = await connectAs('member-b', 'U0BOB');
    const before = fake.workspace.calls.length;
    const a = await callTool(alice, 'slack_list_channels');
    const b = await callTool(bob, 'slack_list_channels');
    expect(a.isError, a.text).toBe(false);
    expect(b.isError, b.text).toBe(false);
    expect(opened).toHaveLength(2);
    const issued = slackOAuthOf(fake.workspace).issued;
    const tokenOf = (user: string) => issued.find((t) => t.userId === user)?.token;
    const calls = fake.workspace.calls.slice(before).filter((c) => c.method === 'conversations.list');
    expect(calls.map((c) => c.userId).sort()).toEqual(['U0ALICE', 'U0BOB']);
    for (const call of calls) expect(call.token).toBe(tokenOf(call.userId ?? ''));
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('"upstream":"slack:alice (U0ALICE)"');
    for (const t of issued) expect(`${audit}${logs.join('')}`).not.toContain(t.token);
    expect(`${audit}${logs.join('')}`).not.toContain(CLIENT_SECRET);
  });

  it('asks an unlinked member to link, and a member who declines gets nothing done', async () => {
    const declines = await connectAs('member-c');
    const out = await callTool(declines, 'slack_list_channels');
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/declined to link/);
  });

  it('asks to step up when Slack names a missing scope, and the retried call runs with it', async () => {
    const carol = await connectAs('member-s', 'U0CAROL');
    expect((await callTool(carol, 'slack_list_channels')).isError).toBe(false);
    const count = opened.length;
    const out = await callTool(carol, 'slack_search_messages', { query: 'deploy' });
    expect(out.isError, out.text).toBe(false);
    expect(opened.length).toBe(count + 1);
    expect(asked.at(-1)).toMatch(/needs the Slack scope search:read/);
    const issued = slackOAuthOf(fake.workspace).issued.filter((t) => t.userId === 'U0CAROL');
    expect(issued.at(-1)?.scopes).toContain('search:read');
  });

  it('relinks when Slack revokes the token', async () => {
    const alice = await connectAs('member-a', 'U0ALICE');
    const issued = slackOAuthOf(fake.workspace).issued;
    const old = issued.filter((t) => t.userId === 'U0ALICE').at(-1)?.token ?? '';
    fake.workspace.tokens.delete(old);
    const count = opened.length;
    // History always reaches Slack (channel lists come from the per-user directory cache).
    const out = await callTool(alice, 'slack_get_channel_history', { channel_id: 'C0GENERAL' });
    expect(out.isError, out.text).toBe(false);
    expect(opened.length).toBe(count + 1);
  });
});

/** A browser without JavaScript: our page, Continue, Slack's consent as `member`, the callback. */
async function allowInBrowser(url: string, member: string): Promise<void> {
  const page = await (await fetch(url)).text();
  const ticket = /name="ticket" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const started = await fetch(new URL('/connect/slack', url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ticket }).toString(),
  });
  const cookie = (started.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const authorize = new URL(started.headers.get('location') ?? '');
  const allowed = await fetch(new URL('/oauth/v2/authorize', authorize), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      ...Object.fromEntries(authorize.searchParams),
      member,
      decision: 'allow',
    }).toString(),
  });
  const done = await fetch(allowed.headers.get('location') ?? '', { headers: { cookie } });
  if (done.status !== 200) throw new Error(`link failed: ${await done.text()}`);
}
