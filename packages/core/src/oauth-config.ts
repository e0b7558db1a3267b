import type { CommonOptions } from './config.js';
import { ConfigError } from './errors.js';

/** OAuth resource-server settings from the command line, checked. */
export interface OAuthConfig {
  issuer: string;
  jwksUrl?: URL;
  introspection?: { url: URL; clientId: string; clientSecret: string; always: boolean };
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
  | 'oauth-introspection-url'
  | 'oauth-client-id'
  | 'oauth-introspect'
  | 'auth-token'
>;

/** Where the introspection client secret comes from: never a flag, which `ps` would show. */
export const CLIENT_SECRET_ENV = 'MCP_OAUTH_CLIENT_SECRET';

/**
 * Undefined when no OAuth flag is set. Otherwise issuer and resource URL are needed, with a JWKS
 * URL, an introspection endpoint, or both; and a static `--auth-token` cannot be combined with
 * them: one server, one way in. Nothing here touches the network, so a server starts while its
 * authorization server is down.
 */
export function oauthConfigFrom(
  options: OAuthFlags,
  env: Readonly<Record<string, string | undefined>> = {},
): OAuthConfig | undefined {
  const issuer = options['oauth-issuer'];
  const jwks = options['oauth-jwks-url'];
  const resource = options['resource-url'];
  const introspectionUrl = options['oauth-introspection-url'];
  const clientId = options['oauth-client-id'];
  if ([issuer, jwks, resource, introspectionUrl, clientId].every((v) => v === undefined)) return undefined;
  const missing = [
    issuer === undefined && '--oauth-issuer (MCP_OAUTH_ISSUER)',
    jwks === undefined &&
      introspectionUrl === undefined &&
      '--oauth-jwks-url (MCP_OAUTH_JWKS_URL) or --oauth-introspection-url (MCP_OAUTH_INTROSPECTION_URL)',
    resource === undefined && '--resource-url (MCP_RESOURCE_URL)',
  ].filter(Boolean);
  if (missing.length > 0 || issuer === undefined || resource === undefined) {
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
  const always = options['oauth-introspect'] === 'always';
  return {
    issuer,
    ...(jwks !== undefined && { jwksUrl: secureUrl('--oauth-jwks-url', jwks) }),
    ...((introspectionUrl !== undefined || clientId !== undefined || always) && {
      introspection: introspectionFrom(introspectionUrl, clientId, env[CLIENT_SECRET_ENV], always),
    }),
    resourceUrl: resource,
    readScope,
    writeScope,
    ...(requireTyp !== undefined && { requireTyp }),
  };
}

function introspectionFrom(
  url: string | undefined,
  clientId: string | undefined,
  clientSecret: string | undefined,
  always: boolean,
): NonNullable<OAuthConfig['introspection']> {
  if (url === undefined) {
    const flag = always ? '--oauth-introspect always' : '--oauth-client-id';
    throw new ConfigError(`${flag} needs --oauth-introspection-url (MCP_OAUTH_INTROSPECTION_URL).`);
  }
  if (clientId === undefined || clientSecret === undefined || clientSecret === '') {
    // Security: the message names the variable, never a value.
    throw new ConfigError(
      `--oauth-introspection-url needs this server's client credentials: --oauth-client-id (MCP_OAUTH_CLIENT_ID) and the ${CLIENT_SECRET_ENV} environment variable.`,
    );
  }
  return { url: secureUrl('--oauth-introspection-url', url), clientId, clientSecret, always };
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
