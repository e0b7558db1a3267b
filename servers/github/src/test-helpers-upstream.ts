import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { createLogger, type McpApp } from '@refmcp/core';
import { createOAuthResourceServer, openAuditLog } from '@refmcp/core/http';
import {
  connectHttp,
  freePort,
  startHttpForTest,
  type TestEra,
  type TestHttpServer,
} from '@refmcp/core/testing';
import {
  createKeyring,
  createUpstreamAuth,
  type Keyring,
  openSqliteStore,
  type TokenStore,
} from '@refmcp/core/upstream';
import { type FakeGitHubServer, oauthOf, seedGitHub, startFakeGitHub } from '@refmcp/fake-github';
import { generateKeyPair, SignJWT } from 'jose';
import { createApp } from './app.js';
import { testConfig } from './test-helpers.js';
import { githubProvider } from './upstream-provider.js';
import { grants } from './upstream-scopes.js';

export const CLIENT_ID = 'Iv1.refmcptest';
export const CLIENT_SECRET = 'fake-client-secret-0123456789';
const ISSUER = 'https://auth.test';

/**
 * A shared deployment as a team runs it: the GitHub server over HTTP in OAuth resource-server
 * mode with per-user upstream identity (SQLite token store in a temp folder, audit log), the fake
 * GitHub with an OAuth app registered. Every log line and audit line is kept for leak checks.
 */
export interface SharedDeployment {
  fake: FakeGitHubServer;
  app: McpApp;
  http: TestHttpServer;
  store: TokenStore;
  keyring: Keyring;
  logs: string[];
  auditFile: string;
  /** A real client over HTTP for the OAuth subject `sub`, whose user opens links as `login`. */
  connectAs(
    sub: string,
    era: TestEra,
    opens?: (url: string, message: string) => Promise<void>,
  ): Promise<Client>;
  close(): Promise<void>;
}

export async function startSharedDeployment(
  options: {
    expiring?: boolean /** false: no OAuth; callers are told apart by their 2025 session */;
    oauth?: boolean;
  } = {},
): Promise<SharedDeployment> {
  const dir = mkdtempSync(join(tmpdir(), 'refmcp-upstream-'));
  const fake = await startFakeGitHub({ gh: seedGitHub() });
  // A failure while starting leaves nothing behind (the caller's afterAll never sees a handle).
  const started: Array<() => Promise<void> | void> = [
    () => fake.close(),
    () => rmSync(dir, { recursive: true, force: true }),
  ];
  try {
    oauthOf(fake.gh).apps.set(CLIENT_ID, {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      ...(options.expiring && { expiring: true }),
    });
    const logs: string[] = [];
    const logger = createLogger({ name: 'refmcp-github', level: 'debug', write: (line) => logs.push(line) });
    const config = testConfig(fake.apiUrl, { token: '' });
    const store = openSqliteStore(join(dir, 'tokens.db'));
    started.push(() => store.close());
    const keyring = createKeyring([Buffer.alloc(32, 7)]);
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    // The public URL names the port, so the port is picked first.
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const auth = createUpstreamAuth({
      provider: githubProvider({ apiUrl: config.apiUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
      store,
      keyring,
      publicUrl,
      serverName: 'refmcp-github',
      logger,
      grants,
    });
    const app = createApp(config, { logger, upstreamAuth: auth });
    const auditFile = join(dir, 'audit.jsonl');
    const audit = openAuditLog({ file: auditFile, server: app.name, redact: app.redact });
    const resourceUrl = `${publicUrl}/mcp`;
    const oauth = createOAuthResourceServer({
      issuer: ISSUER,
      jwksUrl: `${ISSUER}/jwks`,
      resourceUrl,
      tools: app.tools,
      keys: async () => publicKey,
    });
    const withOAuth = options.oauth !== false;
    started.push(() => app.close());
    const http = await startHttpForTest(app, {
      port,
      ...(withOAuth && { authenticate: oauth.authenticate, routes: oauth.routes }),
      serve: { audit, confirm: 'destructive', ...(withOAuth && { allowTool: oauth.allowTool }) },
    });

    const tokenFor = (sub: string) =>
      new SignJWT({ scope: 'mcp:read mcp:write', client_id: 'test-client' })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' })
        .setIssuer(ISSUER)
        .setAudience(resourceUrl)
        .setSubject(sub)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);

    const clients: Client[] = [];
    return {
      fake,
      app,
      http,
      store,
      keyring,
      logs,
      auditFile,
      async connectAs(sub, era, opens) {
        const client = await connectHttp(http.url, era, {
          headers: withOAuth ? { authorization: `Bearer ${await tokenFor(sub)}` } : {},
          client: { capabilities: { elicitation: { form: {}, url: {} } } },
          beforeConnect: (c) =>
            c.setRequestHandler('elicitation/create', async (request) => {
              const params = request.params as { mode?: string; url?: string; message?: string };
              if (params.mode === 'url' && params.url && opens) {
                await opens(params.url, params.message ?? '');
                return { action: 'accept' };
              }
              return params.mode === 'url'
                ? { action: 'decline' }
                : { action: 'accept', content: { confirm: true } };
            }),
        });
        clients.push(client);
        return client;
      },
      async close() {
        await Promise.all(clients.map((c) => c.close().catch(() => {})));
        await http.close();
        await app.close();
        audit.close();
        await fake.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const undo of started.reverse()) await undo();
    throw error;
  }
}

/**
 * A browser without JavaScript, with a cookie jar: opens our link page, continues, approves on the
 * fake GitHub's consent page as `login`, follows the callback. Returns the final page's text.
 */
export async function linkInBrowser(
  url: string,
  login: string,
  jar = new Map<string, string>(),
): Promise<string> {
  const go = async (target: string, init: RequestInit = {}) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie && { cookie }) },
    });
    const set = response.headers.get('set-cookie');
    if (set) {
      const [pair] = set.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) jar.set(name, value.join('='));
    }
    return response;
  };
  const form = (html: string) =>
    new URLSearchParams(
      [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
        ([, k, v]) => [decode(k ?? ''), decode(v ?? '')] as [string, string],
      ),
    );
  const ours = await go(url);
  const page = await ours.text();
  const started = await go(new URL(/action="([^"]+)"/.exec(page)?.[1] ?? '', url).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form(page).toString(),
  });
  const authorizeUrl = started.headers.get('location');
  if (!authorizeUrl) return started.text();
  const consent = await (await go(authorizeUrl)).text();
  const approve = form(consent);
  approve.set('login', login);
  approve.set('decision', 'approve');
  const approved = await go(new URL('/login/oauth/authorize', authorizeUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: approve.toString(),
  });
  const callback = approved.headers.get('location') ?? '';
  return (await go(callback)).text();
}

const decode = (text: string) =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
