import type { CommonOptions } from './config.js';
/** OAuth resource-server settings from the command line, checked. */
export interface OAuthConfig {
    issuer: string;
    jwksUrl: URL;
    resourceUrl: string;
    readScope: string;
    writeScope: string;
}
/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
export declare const isScopeToken: (value: string) => boolean;
type OAuthFlags = Pick<CommonOptions, 'oauth-issuer' | 'oauth-jwks-url' | 'resource-url' | 'oauth-read-scope' | 'oauth-write-scope' | 'auth-token'>;
/**
 * Undefined when no OAuth flag is set. Otherwise all three of issuer, JWKS URL and resource URL
 * are needed, and a static `--auth-token` cannot be combined with them: one server, one way in.
 * Nothing here touches the network, so a server starts while its authorization server is down.
 */
export declare function oauthConfigFrom(options: OAuthFlags): OAuthConfig | undefined;
export {};
