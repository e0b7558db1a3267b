import { createHash } from 'node:crypto';
import { OAuthError, OAuthErrorCode } from '@modelcontextprotocol/server';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';

/**
 * Signature algorithms a token may use. Security: asymmetric only. `none` would skip the signature,
 * and an HMAC algorithm would let anyone holding a public key from the JWKS forge tokens.
 */
export const JWT_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

export interface JwtVerifierOptions {
  issuer: string;
  jwksUrl: URL;
  /** This server's RFC 8707 resource identifier; a token's `aud` must contain it. */
  resourceUrl: URL;
  /** Seconds of clock skew tolerated on `exp`, `nbf` and `iat`. */
  clockToleranceSec?: number;
  /** Keys to use instead of fetching `jwksUrl` (tests, air-gapped setups). */
  keys?: JWTVerifyGetKey;
  /**
   * The header `typ` a token must carry, e.g. `at+jwt` (RFC 9068), compared without case and an
   * `application/` prefix. Where the authorization server marks its access tokens this way, it
   * keeps an ID token or another JWT it signed from passing as an access token.
   */
  typ?: string;
}

/** What a verified token says about its caller. */
export interface VerifiedToken {
  subject: string;
  clientId: string;
  scopes: string[];
  /** Epoch seconds; absent when an introspection answer gives no `exp`. */
  expiresAt?: number;
  issuer: string;
  /** Stands in for the token where something needs to tell tokens apart; not reversible. */
  fingerprint: string;
}

/**
 * The key set could not be fetched or used, or the introspection endpoint did not answer: the
 * authorization server's problem, not the caller's. Answered 503 so a client retries instead of
 * throwing its token away and re-authorizing.
 */
export class AuthServerUnavailableError extends Error {}

/** Stands in for a token in caches and `authInfo`; not reversible. */
export const fingerprintOf = (token: string) =>
  `sha256:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`;

/** Three base64url parts whose first is a JOSE header: worth checking as a JWT, not introspecting. */
export function looksLikeJwt(token: string): boolean {
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) return false;
  try {
    return typeof decodeProtectedHeader(token).alg === 'string';
  } catch {
    return false;
  }
}

/**
 * Verifies JWT access tokens against the authorization server's published keys. The key set is
 * fetched on the first token, not at startup, and refetched at most once per cooldown when a token
 * names a key it has not seen (key rotation), so a flood of made-up key ids cannot turn this
 * server into a request amplifier against the authorization server.
 */
export function createJwtVerifier(options: JwtVerifierOptions): (token: string) => Promise<VerifiedToken> {
  const keys =
    options.keys ??
    createRemoteJWKSet(options.jwksUrl, {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
    });
  // An authorization server may or may not add a trailing slash to a resource it echoes back.
  const resource = options.resourceUrl.href;
  const audience = [resource, resource.endsWith('/') ? resource.slice(0, -1) : `${resource}/`];

  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience,
        algorithms: [...JWT_ALGORITHMS],
        clockTolerance: options.clockToleranceSec ?? 30,
        requiredClaims: ['exp', 'sub'],
        ...(options.typ !== undefined && { typ: options.typ }),
      }));
    } catch (error) {
      throw classify(error, options.typ);
    }
    const subject = payload.sub as string;
    return {
      subject,
      clientId: stringClaim(payload.client_id) ?? stringClaim(payload.azp) ?? subject,
      scopes: scopesOf(payload),
      expiresAt: payload.exp as number,
      issuer: options.issuer,
      fingerprint: fingerprintOf(token),
    };
  };
}

/**
 * Turns a verification failure into a short reason a client may see. Security: reasons name the
 * check that failed, never a claim value or the token, since the answer goes to whoever sent it.
 */
function classify(error: unknown, typ: string | undefined): Error {
  const invalid = (description: string) => new OAuthError(OAuthErrorCode.InvalidToken, description);
  if (error instanceof errors.JWTExpired) return invalid('The token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'aud':
        return invalid('The token was not issued for this resource.');
      case 'iss':
        return invalid('The token was not issued by the expected authorization server.');
      case 'nbf':
        return invalid('The token is not valid yet.');
      case 'typ':
        return invalid(`The token is not an access token: its header typ must be ${typ}.`);
      default:
        return invalid(`The token's ${error.claim} claim is missing or invalid.`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return invalid('The token is signed with an algorithm not accepted here.');
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return invalid('The token signature does not verify.');
  }
  if (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    !(error instanceof errors.JOSEError) ||
    error.code === 'ERR_JOSE_GENERIC'
  ) {
    // Network failures surface as plain errors from fetch; a non-200 answer as a generic JOSEError.
    return new AuthServerUnavailableError('The authorization server keys could not be loaded.', {
      cause: error,
    });
  }
  return invalid('The token is malformed.');
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `scope` (RFC 9068, space-separated) and `scp` (a list or a string, as some servers issue it). */
function scopesOf(payload: JWTPayload): string[] {
  const found = new Set<string>();
  for (const claim of [payload.scope, payload.scp]) {
    const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(' ') : [];
    for (const value of values) if (typeof value === 'string' && value !== '') found.add(value);
  }
  return [...found];
}
