import { ConfigError } from './errors.js';
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
export const isScopeToken = (value) => /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(value);
/**
 * Undefined when no OAuth flag is set. Otherwise all three of issuer, JWKS URL and resource URL
 * are needed, and a static `--auth-token` cannot be combined with them: one server, one way in.
 * Nothing here touches the network, so a server starts while its authorization server is down.
 */
export function oauthConfigFrom(options) {
    const issuer = options['oauth-issuer'];
    const jwks = options['oauth-jwks-url'];
    const resource = options['resource-url'];
    if (issuer === undefined && jwks === undefined && resource === undefined)
        return undefined;
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
    if (resourceUrl.hash)
        throw new ConfigError('--resource-url must not contain a fragment (#...).');
    secureUrl('--oauth-issuer', issuer);
    const readScope = scope('--oauth-read-scope', options['oauth-read-scope']);
    const writeScope = scope('--oauth-write-scope', options['oauth-write-scope']);
    return {
        issuer,
        jwksUrl: secureUrl('--oauth-jwks-url', jwks),
        resourceUrl: resource,
        readScope,
        writeScope,
    };
}
/** Security: keys and identities fetched or asserted over plain HTTP could be swapped in transit. */
function secureUrl(flag, value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new ConfigError(`${flag} must be an absolute URL, got "${value}".`);
    }
    if (url.protocol === 'https:')
        return url;
    if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
        return url;
    throw new ConfigError(`${flag} must be an https URL (http only for localhost), got "${value}".`);
}
function scope(flag, value) {
    if (!isScopeToken(value)) {
        throw new ConfigError(`${flag} must be a single OAuth scope (no spaces or quotes), got "${value}".`);
    }
    return value;
}
