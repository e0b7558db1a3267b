import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeGitHub } from './state.js';

/**
 * GitHub's OAuth app web flow, as documented for OAuth apps: `GET /login/oauth/authorize` (a
 * consent page; on GitHub the signed-in user approves, here the page lets the tester pick which
 * user approves), then `POST /login/oauth/access_token`, which answers JSON when asked with
 * `Accept: application/json` and reports refusals as a 200 with `error`. PKCE (S256) is checked
 * when the authorize request carried a challenge. Issued tokens are ordinary fake tokens: the API
 * routes accept them and `calls` records which one made each request.
 */
export interface FakeOAuthApp {
  clientId: string;
  clientSecret: string;
  /** Issue expiring user tokens with refresh tokens (GitHub's opt-in "user-to-server token expiration"). */
  expiring?: boolean;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  challenge: string | undefined;
  login: string;
}

export interface FakeOAuth {
  apps: Map<string, FakeOAuthApp>;
  /** Tokens issued through the flow, newest last, by login (tests compare them with `calls`). */
  issued: Array<{ login: string; token: string; scopes: string[]; refreshToken?: string }>;
  codes: Map<string, Grant>;
  refreshTokens: Map<string, { clientId: string; login: string; scopes: string[] }>;
}

const registries = new WeakMap<FakeGitHub, FakeOAuth>();

/** The fake's OAuth state; register apps with `oauthOf(gh).apps.set(id, app)`. */
export function oauthOf(gh: FakeGitHub): FakeOAuth {
  let oauth = registries.get(gh);
  if (!oauth) {
    oauth = { apps: new Map(), issued: [], codes: new Map(), refreshTokens: new Map() };
    registries.set(gh, oauth);
  }
  return oauth;
}

const random = (prefix: string) => `${prefix}_${randomBytes(18).toString('base64url')}`;
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function isOAuthPath(path: string): boolean {
  return path === '/login/oauth/authorize' || path === '/login/oauth/access_token';
}

export async function handleOAuth(gh: FakeGitHub, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const oauth = oauthOf(gh);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const form = req.method === 'POST' ? await readForm(req) : url.searchParams;
  if (url.pathname === '/login/oauth/authorize') {
    const app = oauth.apps.get(form.get('client_id') ?? '');
    const redirectUri = form.get('redirect_uri') ?? '';
    if (!app || !URL.canParse(redirectUri))
      return html(res, 404, '<p>Unknown OAuth application or redirect_uri.</p>');
    if (req.method === 'GET') return html(res, 200, consent(gh, form));
    const back = new URL(redirectUri);
    const state = form.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const login = form.get('login') ?? '';
    if (form.get('decision') !== 'approve' || !gh.users.has(login.toLowerCase())) {
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = random('code');
      const scopes = (form.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
      const challenge = form.get('code_challenge') ?? undefined;
      oauth.codes.set(code, { clientId: app.clientId, redirectUri, scopes, challenge, login });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.href }).end();
    return;
  }
  // POST /login/oauth/access_token
  const app = oauth.apps.get(form.get('client_id') ?? '');
  if (!app || app.clientSecret !== form.get('client_secret')) {
    return tokenAnswer(req, res, { error: 'incorrect_client_credentials' });
  }
  let grant: { login: string; scopes: string[] };
  if (form.get('grant_type') === 'refresh_token') {
    const refresh = oauth.refreshTokens.get(form.get('refresh_token') ?? '');
    // Refresh tokens are single use: each refresh issues a new one.
    oauth.refreshTokens.delete(form.get('refresh_token') ?? '');
    if (!refresh || refresh.clientId !== app.clientId)
      return tokenAnswer(req, res, { error: 'bad_refresh_token' });
    grant = refresh;
  } else {
    const code = oauth.codes.get(form.get('code') ?? '');
    oauth.codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const pkceOk =
      !code?.challenge || createHash('sha256').update(verifier).digest('base64url') === code.challenge;
    if (!code || code.clientId !== app.clientId || code.redirectUri !== form.get('redirect_uri') || !pkceOk) {
      return tokenAnswer(req, res, { error: 'bad_verification_code' });
    }
    grant = code;
  }
  const token = random('gho');
  gh.addToken(token, grant.login, grant.scopes);
  const answer: Record<string, unknown> = {
    access_token: token,
    token_type: 'bearer',
    scope: grant.scopes.join(','),
  };
  const issued: FakeOAuth['issued'][number] = { login: grant.login, token, scopes: grant.scopes };
  if (app.expiring) {
    const refreshToken = random('ghr');
    oauth.refreshTokens.set(refreshToken, {
      clientId: app.clientId,
      login: grant.login,
      scopes: grant.scopes,
    });
    Object.assign(answer, {
      expires_in: 28800,
      refresh_token: refreshToken,
      refresh_token_expires_in: 15897600,
    });
    issued.refreshToken = refreshToken;
  }
  oauth.issued.push(issued);
  tokenAnswer(req, res, answer);
}

function consent(gh: FakeGitHub, query: URLSearchParams): string {
  const hidden = [...query.entries()]
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const users = [...gh.users.values()]
    .filter((u) => u.type === 'User')
    .map((u) => `<option value="${escapeHtml(u.login)}">${escapeHtml(u.login)}</option>`)
    .join('');
  return `<h1>Authorize application</h1><p>Scopes: ${escapeHtml(query.get('scope') ?? '')}</p>
<form method="post" action="/login/oauth/authorize">${hidden}
<label>Signed in as <select name="login" id="login">${users}</select></label>
<button name="decision" value="approve" id="approve">Authorize</button>
<button name="decision" value="deny" id="deny">Cancel</button></form>`;
}

function html(res: ServerResponse, status: number, body: string): void {
  res
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
    .end(`<!doctype html><html><body>${body}</body></html>`);
}

/** JSON when asked for it, form-encoded otherwise, as GitHub answers. Always 200. */
function tokenAnswer(req: IncomingMessage, res: ServerResponse, answer: Record<string, unknown>): void {
  if ((req.headers.accept ?? '').includes('application/json')) {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
    return;
  }
  const form = new URLSearchParams(Object.entries(answer).map(([k, v]): [string, string] => [k, String(v)]));
  res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' }).end(form.toString());
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    const json = JSON.parse(text || '{}') as Record<string, unknown>;
    return new URLSearchParams(Object.entries(json).map(([k, v]): [string, string] => [k, String(v)]));
  }
  return new URLSearchParams(text);
}
