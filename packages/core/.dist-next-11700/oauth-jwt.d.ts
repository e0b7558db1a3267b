import { type JWTVerifyGetKey } from 'jose';
/**
 * Signature algorithms a token may use. Security: asymmetric only. `none` would skip the signature,
 * and an HMAC algorithm would let anyone holding a public key from the JWKS forge tokens.
 */
export declare const JWT_ALGORITHMS: readonly ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
export interface JwtVerifierOptions {
    issuer: string;
    jwksUrl: URL;
    /** This server's RFC 8707 resource identifier; a token's `aud` must contain it. */
    resourceUrl: URL;
    /** Seconds of clock skew tolerated on `exp`, `nbf` and `iat`. */
    clockToleranceSec?: number;
    /** Keys to use instead of fetching `jwksUrl` (tests, air-gapped setups). */
    keys?: JWTVerifyGetKey;
}
/** What a verified token says about its caller. */
export interface VerifiedToken {
    subject: string;
    clientId: string;
    scopes: string[];
    expiresAt: number;
    issuer: string;
    /** Stands in for the token where something needs to tell tokens apart; not reversible. */
    fingerprint: string;
}
/**
 * The key set could not be fetched or used: the authorization server's problem, not the caller's.
 * Answered 503 so a client retries instead of throwing its token away and re-authorizing.
 */
export declare class KeysUnavailableError extends Error {
}
/**
 * Verifies JWT access tokens against the authorization server's published keys. The key set is
 * fetched on the first token, not at startup, and refetched at most once per cooldown when a token
 * names a key it has not seen (key rotation), so a flood of made-up key ids cannot turn this
 * server into a request amplifier against the authorization server.
 */
export declare function createJwtVerifier(options: JwtVerifierOptions): (token: string) => Promise<VerifiedToken>;
