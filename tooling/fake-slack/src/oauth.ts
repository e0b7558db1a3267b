import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeWorkspace } from './state.js';

/**
 * Slack's OAuth v2 flow for user tokens, as documented: `GET /oauth/v2/authorize` (a consent page;
 * on Slack the signed-in member approves, here the page lets the tester pick which member), then
 * `oauth.v2.access`, whose answer nests the user's token under `authed_user` and reports refusals
 * as `ok: false` with an error code. With token rotation on, tokens expire and come with a
 * single-use refresh token (`grant_type=refresh_token`). PKCE (S256) is checked when the
 * authorize request carried a challenge. Issued tokens are ordinary user tokens of the workspace.
 */
export interface FakeSlackOAuthApp {
  clientId: string;
  clientSecret: string;
  /** Token rotation: expiring user tokens with refresh tokens. */
  rotating?: boolean;
}

export interface FakeSlackOAuth {
  apps: Map<string, FakeSlackOAuthApp>;
  /** Tokens issued through the flow, newest last. */
  issued: Array<{ userId: string; token: string; scopes: string[] }>;
  codes: Map<
    string,
    { clientId: string; redirectUri: string; scopes: string[]; challenge?: string; userId: string }
  >;
  refreshTokens: Map<string, { clientId: string; userId: string; scopes: string[] }>;
}

const registries = new WeakMap<FakeWorkspace, FakeSlackOAuth>();

export function slackOAuthOf(ws: FakeWorkspace): FakeSlackOAuth {
  let oauth = registries.get(ws);
  if (!oauth) {
    oauth = { apps: new Map(), issued: [], codes: new Map(), refreshTokens: new Map() };
    registries.set(ws, oauth);
  }
  return oauth;
}

export const isSlackOAuthPath = (path: string): boolean =>
  path === '/oauth/v2/authorize' || path === '/api/oauth.v2.access';

const random = (prefix: string) => `${prefix}-${randomBytes(18).toString('hex')}`;
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function handleSlackOAuth(
  ws: FakeWorkspace,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const oauth = slackOAuthOf(ws);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const form = req.method === 'POST' ? new URLSearchParams(await readText(req)) : url.searchParams;
  const json = (body: unknown): void => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  };
  if (url.pathname === '/oauth/v2/authorize') {
    const app = oauth.apps.get(form.get('client_id') ?? '');
    const redirectUri = form.get('redirect_uri') ?? '';
    if (!app || !URL.canParse(redirectUri)) {
      res.writeHead(400, { 'content-type': 'text/html' }).end('<p>Invalid client_id or redirect_uri.</p>');
      return;
    }
    if (req.method === 'GET') {
      const hidden = [...form.entries()]
        .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
        .join('');
      const members = ws.users
        .filter((u) => !u.is_bot && !u.deleted)
        .map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.name)}</option>`)
        .join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><html><body><h1>Allow access to ${escapeHtml(ws.teamName)}</h1>
<form method="post" action="/oauth/v2/authorize">${hidden}<select name="member" id="member">${members}</select>
<button name="decision" value="allow" id="allow">Allow</button><button name="decision" value="deny" id="deny">Cancel</button></form></body></html>`,
      );
      return;
    }
    const back = new URL(redirectUri);
    const state = form.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const member = ws.users.find((u) => u.id === form.get('member') && !u.is_bot);
    if (form.get('decision') !== 'allow' || !member) back.searchParams.set('error', 'access_denied');
    else {
      const code = random('code');
      const challenge = form.get('code_challenge');
      oauth.codes.set(code, {
        clientId: app.clientId,
        redirectUri,
        scopes: (form.get('user_scope') ?? '').split(',').filter(Boolean),
        ...(challenge && { challenge }),
        userId: member.id,
      });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.href }).end();
    return;
  }
  // oauth.v2.access
  const app = oauth.apps.get(form.get('client_id') ?? '');
  if (!app) return json({ ok: false, error: 'invalid_client_id' });
  if (app.clientSecret !== form.get('client_secret')) return json({ ok: false, error: 'bad_client_secret' });
  const issue = (grant: { userId: string; scopes: string[] }) => {
    const token = random('xoxp');
    ws.addToken(token, { kind: 'user', userId: grant.userId, scopes: grant.scopes });
    oauth.issued.push({ userId: grant.userId, token, scopes: grant.scopes });
    const user = { id: grant.userId, scope: grant.scopes.join(','), access_token: token, token_type: 'user' };
    if (!app.rotating) return user;
    const refreshToken = random('xoxe');
    oauth.refreshTokens.set(refreshToken, { clientId: app.clientId, ...grant });
    return { ...user, refresh_token: refreshToken, expires_in: 43200 };
  };
  const team = { id: ws.teamId, name: ws.teamName };
  if (form.get('grant_type') === 'refresh_token') {
    const refresh = oauth.refreshTokens.get(form.get('refresh_token') ?? '');
    oauth.refreshTokens.delete(form.get('refresh_token') ?? '');
    if (!refresh || refresh.clientId !== app.clientId)
      return json({ ok: false, error: 'invalid_refresh_token' });
    // A refreshed user token comes back at the top level.
    return json({ ok: true, ...issue(refresh), team });
  }
  const code = oauth.codes.get(form.get('code') ?? '');
  oauth.codes.delete(form.get('code') ?? '');
  const verifier = form.get('code_verifier') ?? '';
  if (
    !code ||
    code.clientId !== app.clientId ||
    code.redirectUri !== form.get('redirect_uri') ||
    (code.challenge && createHash('sha256').update(verifier).digest('base64url') !== code.challenge)
  ) {
    return json({ ok: false, error: 'invalid_code' });
  }
  json({ ok: true, app_id: 'A0FAKE', authed_user: issue(code), team });
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
