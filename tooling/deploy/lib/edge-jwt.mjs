// Optional token checks in HAProxy itself (`jwt_verify`, HAProxy 2.5+): a request with a bad or
// missing token is answered 401 at the edge, before any instance spends CPU on it. The instances
// still verify every token themselves (their --oauth-* flags): this is a first filter, not the
// only one.
import { isAbsolute } from 'node:path';

/** Asymmetric algorithms jwt_verify supports. Security: no HS*, whose key would be a shared secret. */
export const EDGE_JWT_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
];

/** RFC 9728 §3.1: the well-known path goes between the origin and the resource's path. */
export function resourceMetadataUrl(resourceUrl) {
  const url = new URL(resourceUrl);
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.origin}/.well-known/oauth-protected-resource${path}`;
}

/**
 * Security: these values are pasted into HAProxy's config and into log-format strings. Quotes,
 * backslashes, `%` and white space could end an argument or start a format directive, so any
 * value holding one is refused rather than escaped.
 */
function plain(flag, value) {
  if (typeof value !== 'string' || value === '' || /[\s"'\\%#{}]/.test(value))
    throw new Error(`${flag} must be set, without spaces, quotes, backslashes, %, # or braces: got ${value}`);
  return value;
}

/** Checked settings: { keyFile, alg, issuer, resourceUrl }. */
export function checkEdgeJwt({ keyFile, alg = 'RS256', issuer, resourceUrl }) {
  plain('--edge-jwt-key', keyFile);
  if (!isAbsolute(keyFile)) throw new Error(`--edge-jwt-key must be an absolute path: got ${keyFile}`);
  if (!EDGE_JWT_ALGORITHMS.includes(alg))
    throw new Error(`--edge-jwt-alg must be one of ${EDGE_JWT_ALGORITHMS.join(', ')}: got ${alg}`);
  plain('--oauth-issuer', issuer);
  plain('--resource-url', resourceUrl);
  new URL(resourceUrl);
  return { keyFile, alg, issuer, resourceUrl };
}

/**
 * The frontend rules: set txn.subject for a valid token, txn.unauthorized otherwise. Claims are
 * compared first and the signature last (ACL terms stop at the first false one), so a malformed
 * or foreign token costs no signature check. `nbf` is left to the instances.
 */
export function edgeJwtRules(settings) {
  const { keyFile, alg, issuer, resourceUrl } = checkEdgeJwt(settings);
  // An authorization server may echo the resource with or without a trailing slash.
  const audiences = [resourceUrl, resourceUrl.endsWith('/') ? resourceUrl.slice(0, -1) : `${resourceUrl}/`];
  const q = (text) => `"${text}"`;
  return [
    '  # Tokens checked at the edge: signature (the authorization server public key), issuer,',
    '  # audience (this resource; the first entry when `aud` is a list), expiry and subject.',
    '  http-request set-var(txn.bearer) http_auth_bearer if !public',
    "  http-request set-var(txn.jwt_alg) var(txn.bearer),jwt_header_query('$.alg')",
    "  http-request set-var(txn.jwt_iss) var(txn.bearer),jwt_payload_query('$.iss')",
    "  http-request set-var(txn.jwt_aud) var(txn.bearer),jwt_payload_query('$.aud')",
    "  http-request set-var(txn.jwt_aud) var(txn.bearer),jwt_payload_query('$.aud[0]') if !{ var(txn.jwt_aud) -m found }",
    "  http-request set-var(txn.jwt_exp) var(txn.bearer),jwt_payload_query('$.exp','int')",
    "  http-request set-var(txn.jwt_sub) var(txn.bearer),jwt_payload_query('$.sub')",
    '  http-request set-var(txn.now) date()',
    `  http-request set-var(txn.jwt_ok) bool(true) if { var(txn.jwt_alg) -m str ${alg} } { var(txn.jwt_iss) -m str ${q(issuer)} } { var(txn.jwt_aud) -m str ${audiences.map(q).join(' ')} } { var(txn.jwt_exp),sub(txn.now) -m int gt 0 } { var(txn.jwt_sub) -m len gt 0 } { var(txn.bearer),jwt_verify(${q(alg)},${q(keyFile)}) -m int 1 }`,
    '  http-request set-var(txn.unauthorized) bool(true) if !public !{ var(txn.jwt_ok) -m bool }',
    '  http-request set-var(txn.subject) var(txn.jwt_sub) if { var(txn.jwt_ok) -m bool }',
  ].join('\n');
}

/**
 * The 401 answers (RFC 6750 §3 and RFC 9728 §5.1): no error code when there was no token, else
 * `invalid_token`; both name the resource metadata, where a client finds the authorization
 * server. Security: the reason is generic, the token's claims are never echoed.
 */
export function edgeUnauthorizedRules(settings) {
  if (!settings) return '  http-request return status 401';
  const { resourceUrl } = checkEdgeJwt(settings);
  const metadata = resourceMetadataUrl(resourceUrl);
  const body = (message) =>
    `lf-string '{"jsonrpc":"2.0","id":%[var(txn.rpc_id,null)],"error":{"code":-32001,"message":"${message}","data":{"status":401}}}'`;
  return [
    `  http-request return status 401 content-type application/json hdr WWW-Authenticate 'Bearer resource_metadata="${metadata}"' ${body('Authorization required: send a bearer token from the authorization server named in the resource metadata.')} if !{ var(txn.bearer) -m found }`,
    `  http-request return status 401 content-type application/json hdr WWW-Authenticate 'Bearer error="invalid_token", error_description="The token is invalid, expired or not issued for this resource.", resource_metadata="${metadata}"' ${body('The bearer token is invalid, expired or not issued for this resource.')}`,
  ].join('\n');
}
