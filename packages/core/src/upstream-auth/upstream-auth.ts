import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerContext } from '@modelcontextprotocol/server';
import { subjectOf } from '../audit.js';
import { PermissionDeniedError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Keyring } from './keyring.js';
import { LinkRequiredError } from './link-required.js';
import { consentPage, linkedPage, refusedPage } from './pages.js';
import { requestTokens, type UpstreamProvider, type UpstreamTokens } from './provider.js';
import type { TokenStore } from './store.js';

/** The caller's upstream account for one call. The token stays inside the server. */
export interface UpstreamCredential {
  accessToken: string;
  login: string;
  scopes: string[];
}

export interface UpstreamAuthOptions {
  provider: UpstreamProvider;
  store: TokenStore;
  keyring: Keyring;
  /** Where browsers reach this server, e.g. https://mcp.example.com (the connect pages hang off it). */
  publicUrl: string;
  /** The server's name, shown on the consent page. */
  serverName: string;
  logger: Logger;
  /** Whether `granted` covers `needed` (providers with scope hierarchies, like GitHub's). */
  grants?: (granted: readonly string[], needed: string) => boolean;
}

export interface UpstreamAuth {
  readonly provider: UpstreamProvider;
  /** The caller's credential, refreshed if needed; throws LinkRequiredError when there is none. */
  credential(sdk: ServerContext, neededScopes?: readonly string[]): Promise<UpstreamCredential>;
  /** After the upstream refused the token: drop it and ask to link again. */
  relink(sdk: ServerContext, reason: string): Promise<never>;
  /** The upstream said the token lacks `scope`: ask to link again with it (the link stays meanwhile). */
  stepUp(sdk: ServerContext, scope: string): Promise<never>;
  unlink(sdk: ServerContext): Promise<boolean>;
  /** The connect pages: `/connect/<provider>` and its callback. Undefined for other paths. */
  routes(request: Request, url: URL): Promise<Response | undefined>;
  close(): Promise<void>;
}

const FLOW_MS = 10 * 60 * 1000;
/** A token this close to its expiry is refreshed before use. */
const EXPIRY_MARGIN_MS = 60 * 1000;
const digest = (kind: string, value: string) => createHash('sha256').update(`${kind}:${value}`).digest('hex');
const random = () => randomBytes(32).toString('base64url');

/**
 * Per-user upstream identity: each caller links their own upstream account once through the
 * authorization-code flow with PKCE, and every later call runs with that account's token.
 *
 * Security, in order of the flow:
 * - A caller is an OAuth subject of our resource-server mode or a 2025-era session; anyone else
 *   (a shared static token, an anonymous 2026-era request) cannot link, since they are not one
 *   person.
 * - The link in the elicitation carries a single-use ticket (10 minutes) bound to the subject.
 *   Opening it shows a consent page; continuing spends the ticket, mints the OAuth `state` and the
 *   PKCE verifier, and pins the browser with an HttpOnly cookie.
 * - The callback takes the state from the store atomically (a replayed or forged state finds
 *   nothing), checks the cookie (a callback URL planted in another browser fails), and exchanges
 *   the code with the verifier. Only then is a token stored, sealed, for that subject.
 * - The token the client presents to us never leaves the server: the upstream sees only the
 *   token its own flow issued for this user.
 */
export function createUpstreamAuth(options: UpstreamAuthOptions): UpstreamAuth {
  const { provider, store, keyring, logger } = options;
  const base = new URL(options.publicUrl);
  const connectPath = `/connect/${provider.id}`;
  const callbackPath = `${connectPath}/callback`;
  const redirectUri = new URL(callbackPath, base).href;
  const cookieName = `refmcp_link_${provider.id}`;
  const secureCookie = base.protocol === 'https:';
  const grants = options.grants ?? ((granted, needed) => granted.includes(needed));
  const context = (subject: string) => `${provider.id}\n${subject}`;

  const subjectFor = (sdk: ServerContext): string => {
    const subject = subjectOf(sdk);
    if (subject.startsWith('sub:') || subject.startsWith('session:')) return subject;
    throw new PermissionDeniedError(
      `This server acts on ${provider.title} as each caller, and this request does not say who is calling.`,
      {
        hint: 'The server operator must enable OAuth (--oauth-issuer …) or serve 2025-11-25 sessions, so each user links their own account.',
      },
    );
  };

  const linkRequired = async (subject: string, scopes: readonly string[], why: string) => {
    const ticket = random();
    await store.putPending(digest('ticket', ticket), {
      kind: 'ticket',
      provider: provider.id,
      subject,
      sealed: keyring.seal(JSON.stringify({ scopes }), context(subject)),
      expiresAt: Date.now() + FLOW_MS,
    });
    const url = new URL(connectPath, base);
    url.searchParams.set('ticket', ticket);
    return new LinkRequiredError(
      `${why} Nothing was done.`,
      url.href,
      `${why} Open this page to link your ${provider.title} account, then retry.`,
    );
  };

  const save = async (subject: string, tokens: UpstreamTokens, login: string, scopes: string[]) => {
    await store.putLink({
      provider: provider.id,
      subject,
      sealed: keyring.seal(JSON.stringify(tokens), context(subject)),
      login,
      scopes,
      updatedAt: Date.now(),
    });
  };

  const credential: UpstreamAuth['credential'] = async (sdk, needed = []) => {
    const subject = subjectFor(sdk);
    const link = await store.getLink(provider.id, subject);
    const wanted = (granted: readonly string[]) => [
      ...new Set([...provider.defaultScopes, ...granted, ...needed]),
    ];
    if (!link)
      throw await linkRequired(
        subject,
        wanted([]),
        `Your ${provider.title} account is not linked to this server yet.`,
      );
    let tokens: UpstreamTokens;
    try {
      tokens = JSON.parse(keyring.open(link.sealed, context(subject))) as UpstreamTokens;
    } catch (error) {
      // A key taken out of the ring, or a row that was tampered with: the user links again.
      logger.warn('stored upstream token unreadable; asking to link again', {
        reason: (error as Error).message,
      });
      await store.deleteLink(provider.id, subject);
      throw await linkRequired(subject, wanted(link.scopes), `Your ${provider.title} link must be renewed.`);
    }
    if (tokens.expiresAt !== undefined && tokens.expiresAt - EXPIRY_MARGIN_MS < Date.now()) {
      tokens = await refresh(subject, tokens, link.login, link.scopes).catch(async (error: Error) => {
        logger.info('upstream token refresh failed; asking to link again', { reason: error.message });
        await store.deleteLink(provider.id, subject);
        throw await linkRequired(
          subject,
          wanted(link.scopes),
          `Your ${provider.title} authorization expired.`,
        );
      });
    }
    const missing = needed.filter((scope) => !grants(link.scopes, scope));
    if (missing.length > 0) {
      throw await linkRequired(
        subject,
        wanted(link.scopes),
        `This needs the ${provider.title} scope ${missing.join(', ')}, which your linked account (${link.login}) did not grant.`,
      );
    }
    return { accessToken: tokens.accessToken, login: link.login, scopes: link.scopes };
  };

  const refresh = async (subject: string, old: UpstreamTokens, login: string, scopes: string[]) => {
    if (!old.refreshToken) throw new Error('no refresh token');
    const fresh = await requestTokens(provider, {
      grant_type: 'refresh_token',
      refresh_token: old.refreshToken,
    });
    // Providers that rotate refresh tokens send a new one; others keep the old one valid.
    const tokens = { ...fresh, refreshToken: fresh.refreshToken ?? old.refreshToken };
    await save(subject, tokens, login, fresh.scopes ?? scopes);
    return tokens;
  };

  /**
   * A link ticket's caller and the scopes it asks for, or undefined when it is not valid. The
   * consent page only looks (`peek`); starting the flow uses it up (`take`): a ticket works once.
   */
  const readTicket = async (ticket: string, use: 'peek' | 'take') => {
    const key = digest('ticket', ticket);
    const pending = !ticket
      ? undefined
      : use === 'take'
        ? await store.takePending(key, 'ticket', Date.now())
        : await store.peekPending(key, 'ticket', Date.now());
    if (!pending || pending.provider !== provider.id) return undefined;
    const { scopes } = JSON.parse(keyring.open(pending.sealed, context(pending.subject))) as {
      scopes: string[];
    };
    return { subject: pending.subject, scopes };
  };
  const invalidTicket = () =>
    refusedPage(provider.title, 'This link is not valid: it expired, was already used, or was never issued.');

  const start = async (request: Request): Promise<Response> => {
    const form = new URLSearchParams(await request.text());
    const pending = await readTicket(form.get('ticket') ?? '', 'take');
    if (!pending) return invalidTicket();
    const { scopes } = pending;
    const state = random();
    const verifier = random();
    const browser = random();
    await store.putPending(digest('state', state), {
      kind: 'state',
      provider: provider.id,
      subject: pending.subject,
      sealed: keyring.seal(
        JSON.stringify({ verifier, scopes, browser: digest('browser', browser) }),
        context(pending.subject),
      ),
      expiresAt: Date.now() + FLOW_MS,
    });
    const authorize = new URL(provider.authorizeUrl);
    authorize.searchParams.set('client_id', provider.clientId);
    authorize.searchParams.set('redirect_uri', redirectUri);
    authorize.searchParams.set(provider.scopeParam ?? 'scope', scopes.join(provider.scopeSeparator ?? ' '));
    authorize.searchParams.set('state', state);
    authorize.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
    authorize.searchParams.set('code_challenge_method', 'S256');
    const cookie = `${cookieName}=${browser}; Path=${connectPath}; Max-Age=${FLOW_MS / 1000}; HttpOnly; SameSite=Lax${secureCookie ? '; Secure' : ''}`;
    return new Response(null, {
      status: 303,
      headers: { location: authorize.href, 'set-cookie': cookie, 'cache-control': 'no-store' },
    });
  };

  const callback = async (request: Request, url: URL): Promise<Response> => {
    const state = url.searchParams.get('state') ?? '';
    const pending = state ? await store.takePending(digest('state', state), 'state', Date.now()) : undefined;
    if (!pending || pending.provider !== provider.id) {
      logger.warn('link callback refused: unknown, expired or replayed state');
      return refusedPage(
        provider.title,
        'This answer does not match a link in progress (expired, already used, or not issued here).',
      );
    }
    const flow = JSON.parse(keyring.open(pending.sealed, context(pending.subject))) as {
      verifier: string;
      scopes: string[];
      browser: string;
    };
    const presented = cookieValue(request.headers.get('cookie'), cookieName);
    if (!presented || !sameDigest(digest('browser', presented), flow.browser)) {
      logger.warn('link callback refused: started in another browser');
      return refusedPage(
        provider.title,
        'This answer reached a different browser from the one that started the link.',
      );
    }
    const code = url.searchParams.get('code');
    if (!code) {
      const reason = url.searchParams.get('error') ?? 'no code';
      return refusedPage(provider.title, `${provider.title} did not authorize this server (${reason}).`);
    }
    try {
      const tokens = await requestTokens(provider, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: flow.verifier,
      });
      const account = await provider.identify(tokens.accessToken);
      await save(pending.subject, tokens, account.login, account.scopes);
      logger.info('upstream account linked', { provider: provider.id, login: account.login });
      return linkedPage(provider.title, account.login);
    } catch (error) {
      logger.warn('link callback failed', { provider: provider.id, reason: (error as Error).message });
      return refusedPage(provider.title, `${provider.title} refused the authorization code.`, 502);
    }
  };

  return {
    provider,
    credential,
    async relink(sdk, reason) {
      const subject = subjectFor(sdk);
      const link = await store.getLink(provider.id, subject);
      await store.deleteLink(provider.id, subject);
      throw await linkRequired(
        subject,
        [...new Set([...provider.defaultScopes, ...(link?.scopes ?? [])])],
        reason,
      );
    },
    async stepUp(sdk, scope) {
      const subject = subjectFor(sdk);
      const link = await store.getLink(provider.id, subject);
      const granted = link?.scopes ?? [];
      throw await linkRequired(
        subject,
        [...new Set([...provider.defaultScopes, ...granted, scope])],
        `This needs the ${provider.title} scope ${scope}, which your linked account${link ? ` (${link.login})` : ''} did not grant.`,
      );
    },
    unlink: async (sdk) => store.deleteLink(provider.id, subjectFor(sdk)),
    async routes(request, url) {
      if (url.pathname === connectPath && request.method === 'GET') {
        const ticket = url.searchParams.get('ticket') ?? '';
        const pending = await readTicket(ticket, 'peek');
        if (!pending) return invalidTicket();
        // The page shows the scopes this ticket asks for (a step-up asks for more than the default).
        return consentPage(options.serverName, provider.title, connectPath, ticket, pending.scopes);
      }
      if (url.pathname === connectPath && request.method === 'POST') return start(request);
      if (url.pathname === callbackPath && request.method === 'GET') return callback(request, url);
      return undefined;
    },
    close: () => store.close(),
  };
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sameDigest(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
