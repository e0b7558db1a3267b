import type { CommonOptions } from './config.js';
import { ConfigError } from './errors.js';

/** OAuth resource-server settings from the command line, checked. */
export interface OAuthConfig {
  issuer: string;
  jwksUrl: URL;
  resourceUrl: string;
  readScope: string;
  writeScope: string;
  /** The header `typ` every JWT access token must carry, e.g. `at+jwt`. */
  requireTyp?: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
export const isScopeToken = (value: string) => /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(value);

type OAuthFlags = Pick<
  CommonOptions,
  | 'oauth-issuer'
  | 'oauth-jwks-url'
  | 'resource-url'
  | 'oauth-read-scope'
  | 'oauth-write-scope'
  | 'oauth-require-typ'
  | 'auth-token'
>;

/**
 * Undefined when no OAuth flag is set. Otherwise all three of issuer, JWKS URL and resource URL
 * are needed, and a static `--auth-token` cannot be combined with them: one server, one way in.
 * Nothing here touches the network, so a server starts while its authorization server is down.
 */
export function oauthConfigFrom(options: OAuthFlags): OAuthConfig | undefined {
  const issuer = options['oauth-issuer'];
  const jwks = options['oauth-jwks-url'];
  const resource = options['resource-url'];
  if (issuer === undefined && jwks === undefined && resource === undefined) return undefined;
  const missing = [
    issuer === undefined && '--oauth-issuer (MCP_OAUTH_ISSUER)',
    jwks === undefined && '--oauth-jwks-url (MCP_OAUTH_JWKS_URL)',
    resource === undefined && '--resource-url (MCP_RESOURCE_URL)',
  ].filter(Boolean);
  if (missing.length > 0 || issuer === undefined || jwks === undefined || resource === undefined) {
    throw new ConfigError(`OAuth mode needs ${missing.join(' and ')} as well.`);
  }
  if (options['auth-token'] !== undefined) {
    throw new ConfigError('--auth-token and the --oauth-* flags cannot be combined; choose one.');
  }
  const resourceUrl = secureUrl('--resource-url', resource);
  if (resourceUrl.hash) throw new ConfigError('--resource-url must not contain a fragment (#...).');
  secureUrl('--oauth-issuer', issuer);
  const readScope = scope('--oauth-read-scope', options['oauth-read-scope']);
  const writeScope = scope('--oauth-write-scope', options['oauth-write-scope']);
  const requireTyp = options['oauth-require-typ'];
  // A media type (RFC 6838 names), with or without its `application/` prefix.
  if (requireTyp !== undefined && !/^([a-z0-9][\w.+-]*\/)?[a-z0-9][\w.+-]*$/i.test(requireTyp)) {
    throw new ConfigError(`--oauth-require-typ must be a media type such as at+jwt, got "${requireTyp}".`);
  }
  return {
    issuer,
    jwksUrl: secureUrl('--oauth-jwks-url', jwks),
    resourceUrl: resource,
    readScope,
    writeScope,
    ...(requireTyp !== undefined && { requireTyp }),
  };
}

/** Security: keys and identities fetched or asserted over plain HTTP could be swapped in transit. */
function secureUrl(flag: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${flag} must be an absolute URL, got "${value}".`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  throw new ConfigError(`${flag} must be an https URL (http only for localhost), got "${value}".`);
}

function scope(flag: string, value: string): string {
  if (!isScopeToken(value)) {
    throw new ConfigError(`${flag} must be a single OAuth scope (no spaces or quotes), got "${value}".`);
  }
  return value;
}
