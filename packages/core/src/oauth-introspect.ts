import { OAuthError, OAuthErrorCode } from '@modelcontextprotocol/server';
import { AuthServerUnavailableError, fingerprintOf, type VerifiedToken } from './oauth-jwt.js';

export interface IntrospectorOptions {
  /** The authorization server's RFC 7662 introspection endpoint. */
  url: URL;
  /** This resource server's own client credentials there (client_secret_basic). */
  clientId: string;
  clientSecret: string;
  issuer: string;
  resourceUrl: URL;
  clockToleranceSec?: number;
  /**
   * Longest an answer is reused, in seconds, and never past the token's `exp`. Default and
   * ceiling 60: a revoked token must stop working soon.
   */
  cacheTtlSec?: number;
  /** Most answers kept; the oldest goes first. Default 1000. */
  cacheMaxEntries?: number;
  /** How long to wait for the endpoint. Default 5000 ms. */
  timeoutMs?: number;
}

interface Entry {
  /** Settles to the caller or to the refusal; an unavailable endpoint is never cached. */
  answer: Promise<VerifiedToken | OAuthError>;
  /** Epoch ms after which the answer is asked again; Infinity while the request is in flight. */
  until: number;
}

/** RFC 6749 §2.3.1: the credentials are form-encoded before they go into the Basic header. */
const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');

/**
 * Checks opaque access tokens with the authorization server (RFC 7662). Answers, refusals
 * included, are cached under the token's fingerprint (never the token itself), and concurrent
 * checks of one token share a request, so a burst of calls costs one introspection and a flood of
 * made-up tokens costs one each, not one per retry. The price is that a revoked token keeps working
 * for up to the cache TTL.
 */
export function createIntrospector(options: IntrospectorOptions): (token: string) => Promise<VerifiedToken> {
  const ttlMs = Math.min(Math.max(options.cacheTtlSec ?? 60, 0), 60) * 1000;
  const maxEntries = options.cacheMaxEntries ?? 1000;
  const tolerance = options.clockToleranceSec ?? 30;
  const cache = new Map<string, Entry>();
  const credentials = `${formEncode(options.clientId)}:${formEncode(options.clientSecret)}`;
  const authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  const resource = options.resourceUrl.href;
  const audiences = new Set([resource, resource.endsWith('/') ? resource.slice(0, -1) : `${resource}/`]);

  const ask = async (token: string): Promise<Record<string, unknown>> => {
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: {
          authorization,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
        // Security: a redirect could resend the token, in the body, somewhere else.
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw unavailable(error);
    }
    // The body is not read into an error: an endpoint may echo the token back.
    if (response.status !== 200) {
      await response.body?.cancel();
      throw unavailable(new Error(`the introspection endpoint answered ${response.status}`));
    }
    const answer: unknown = await response.json().catch(() => undefined);
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
      throw unavailable(new Error('the introspection endpoint did not answer a JSON object'));
    }
    return answer as Record<string, unknown>;
  };

  const check = (answer: Record<string, unknown>, token: string): VerifiedToken | OAuthError => {
    const invalid = (description: string) => new OAuthError(OAuthErrorCode.InvalidToken, description);
    const now = Date.now() / 1000;
    if (answer.active !== true) return invalid('The token is not active.');
    const type = answer.token_type;
    // A refresh token is active too; DPoP-bound tokens need a proof this server does not check.
    if (type !== undefined && !(typeof type === 'string' && /^(bearer|access_token)$/i.test(type))) {
      return invalid('The token is not a bearer access token.');
    }
    if (answer.iss !== undefined && answer.iss !== options.issuer) {
      return invalid('The token was not issued by the expected authorization server.');
    }
    const aud = typeof answer.aud === 'string' ? [answer.aud] : Array.isArray(answer.aud) ? answer.aud : [];
    if (!aud.some((value) => typeof value === 'string' && audiences.has(value))) {
      return invalid('The token was not issued for this resource.');
    }
    const exp = answer.exp;
    if (exp !== undefined && typeof exp !== 'number') return invalid("The token's exp claim is invalid.");
    if (exp !== undefined && exp + tolerance <= now) return invalid('The token has expired.');
    if (typeof answer.nbf === 'number' && answer.nbf - tolerance > now)
      return invalid('The token is not valid yet.');
    const clientId = stringOf(answer.client_id);
    const subject = stringOf(answer.sub) ?? clientId;
    if (subject === undefined) return invalid("The token's sub claim is missing or invalid.");
    const scope = typeof answer.scope === 'string' ? answer.scope : '';
    return {
      subject,
      clientId: clientId ?? subject,
      scopes: [...new Set(scope.split(' ').filter(Boolean))],
      ...(exp !== undefined && { expiresAt: exp }),
      issuer: options.issuer,
      fingerprint: fingerprintOf(token),
    };
  };

  const remember = (key: string, entry: Entry) => {
    const now = Date.now();
    for (const [other, { until }] of cache) if (until <= now) cache.delete(other);
    while (cache.size >= maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
    cache.set(key, entry);
  };

  return async (token) => {
    const key = fingerprintOf(token);
    let entry = cache.get(key);
    if (!entry || entry.until <= Date.now()) {
      const fresh = { until: Number.POSITIVE_INFINITY } as Entry;
      fresh.answer = ask(token).then(
        (answer) => {
          const outcome = check(answer, token);
          const exp = outcome instanceof OAuthError ? undefined : outcome.expiresAt;
          fresh.until = Math.min(Date.now() + ttlMs, exp === undefined ? Infinity : exp * 1000);
          return outcome;
        },
        (error: unknown) => {
          if (cache.get(key) === fresh) cache.delete(key);
          throw error;
        },
      );
      entry = fresh;
      remember(key, fresh);
    }
    const outcome = await entry.answer;
    if (outcome instanceof OAuthError) throw outcome;
    return outcome;
  };
}

function unavailable(cause: unknown): AuthServerUnavailableError {
  return new AuthServerUnavailableError('The authorization server could not check the token.', { cause });
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
