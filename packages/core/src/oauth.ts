import {
  type AuthInfo,
  bearerAuthChallengeResponse,
  getOAuthProtectedResourceMetadataUrl,
  type McpRequestContext,
  OAuthError,
  OAuthErrorCode,
  type OAuthProtectedResourceMetadata,
} from '@modelcontextprotocol/server';
import type { JWTVerifyGetKey } from 'jose';
import type { ToolInfo } from './app.js';
import type { AuditLog } from './audit.js';
import type { Authenticator } from './http.js';
import type { Logger } from './logger.js';
import { isScopeToken } from './oauth-config.js';
import { metadataResponse, neededScope } from './oauth-http.js';
import { createIntrospector } from './oauth-introspect.js';
import {
  AuthServerUnavailableError,
  createJwtVerifier,
  looksLikeJwt,
  type VerifiedToken,
} from './oauth-jwt.js';

export interface OAuthResourceOptions {
  /** The authorization server's issuer identifier, compared exactly with the token's `iss`. */
  issuer: string;
  /** Where the authorization server publishes its signing keys (JWKS), for JWT access tokens. */
  jwksUrl?: string | URL;
  /** Token introspection (RFC 7662), for opaque access tokens. At least one of the two is needed. */
  introspection?: OAuthIntrospectionOptions;
  /** This server's public MCP URL, e.g. `https://mcp.example.com/mcp`: the token audience. */
  resourceUrl: string | URL;
  /** Scope that unlocks tools marked `readOnlyHint: true`. Default `mcp:read`. */
  readScope?: string;
  /** Scope that unlocks every tool, read-only ones included. Default `mcp:write`. */
  writeScope?: string;
  /** The app's tools (`app.tools`): which calls need the write scope. */
  tools: readonly ToolInfo[];
  /** Shown as `resource_name` in the metadata document. */
  resourceName?: string;
  /** Largest request body read to find the tool a call names (413 beyond it). Default 4 MiB. */
  maxBodyBytes?: number;
  clockToleranceSec?: number;
  /** Refuse JWTs whose header `typ` is not this one, e.g. `at+jwt` (RFC 9068). */
  requireTyp?: string;
  /** Signing keys to use instead of fetching `jwksUrl`. */
  keys?: JWTVerifyGetKey;
  logger?: Logger;
  /** Where calls refused for scope are recorded: they never reach a handler that would. */
  audit?: AuditLog;
}

export interface OAuthIntrospectionOptions {
  url: string | URL;
  /** This server's client credentials at the authorization server. */
  clientId: string;
  clientSecret: string;
  /** Introspect JWTs too, instead of verifying them against `jwksUrl`. Default false. */
  always?: boolean;
  /** Longest an answer is reused, in seconds, at most 60 and never past the token's `exp`. Default 60. */
  cacheTtlSec?: number;
}

/** The pieces the HTTP pipeline needs: who is calling, the discovery document, and tool filtering. */
export interface OAuthResourceServer {
  authenticate: Authenticator;
  /** Answers the RFC 9728 metadata paths; undefined for anything else. */
  routes: (request: Request, url: URL) => Response | undefined;
  allowTool: (tool: ToolInfo, request: McpRequestContext) => boolean;
  metadata: OAuthProtectedResourceMetadata;
  metadataUrl: string;
}

const WELL_KNOWN = '/.well-known/oauth-protected-resource';

/**
 * OAuth 2.1 resource-server mode: JWT access tokens from one authorization server, bound to this
 * server's URL, with two scopes mapped onto tool annotations. A token with the read scope sees and
 * calls the tools marked read-only; the write scope grants every tool, read-only ones included, so
 * a client never needs both. A call to a tool its token cannot use is refused before any server
 * instance exists, with a `403 insufficient_scope` challenge naming the scope to step up to.
 */
export function createOAuthResourceServer(options: OAuthResourceOptions): OAuthResourceServer {
  const resourceUrl = new URL(options.resourceUrl);
  const resource = typeof options.resourceUrl === 'string' ? options.resourceUrl : resourceUrl.href;
  const readScope = options.readScope ?? 'mcp:read';
  const writeScope = options.writeScope ?? 'mcp:write';
  const allScopes = [...new Set([readScope, writeScope])];
  // Security: scopes go into challenge headers verbatim; a quote would let one rewrite them.
  const badScope = allScopes.find((scope) => !isScopeToken(scope));
  if (badScope !== undefined) throw new TypeError(`Not a valid OAuth scope: "${badScope}".`);
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const writeTools = new Set(
    options.tools.filter((t) => t.annotations.readOnlyHint !== true).map((t) => t.name),
  );
  const verify = createVerifier(options, resourceUrl);
  const metadataUrl = getOAuthProtectedResourceMetadataUrl(resourceUrl);
  const metadata: OAuthProtectedResourceMetadata = {
    resource,
    authorization_servers: [options.issuer],
    scopes_supported: allScopes,
    bearer_methods_supported: ['header'],
    ...(options.resourceName && { resource_name: options.resourceName }),
  };
  // The document is served at the bare well-known path, at the one suffixed with the public
  // resource path (RFC 9728 §3.1), and at the one suffixed with the local /mcp path, for a proxy
  // that maps a public prefix onto this server.
  const metadataPaths = new Set([WELL_KNOWN, new URL(metadataUrl).pathname, `${WELL_KNOWN}/mcp`]);

  const grants = (scopes: readonly string[], needed: 'read' | 'write') =>
    scopes.includes(writeScope) || (needed === 'read' && scopes.includes(readScope));

  const authenticate: Authenticator = async (request, body) => {
    const header = request.headers.get('authorization');
    if (!header || !/^bearer(\s|$)/i.test(header)) {
      // RFC 6750 §3.1: a request without credentials gets a challenge without an error code.
      return new Response(null, {
        status: 401,
        headers: {
          'WWW-Authenticate': `Bearer resource_metadata="${metadataUrl}", scope="${allScopes.join(' ')}"`,
        },
      });
    }
    const token = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header)?.[1];
    let caller: VerifiedToken;
    try {
      if (!token) throw new OAuthError(OAuthErrorCode.InvalidToken, 'The Authorization header is malformed.');
      caller = await verify(token);
    } catch (error) {
      if (error instanceof AuthServerUnavailableError) {
        options.logger?.warn('oauth authorization server unavailable', { error: describeCause(error) });
        return Response.json(
          { error: 'temporarily_unavailable', error_description: error.message },
          { status: 503, headers: { 'Retry-After': '5' } },
        );
      }
      // Security: only the reason is logged; the token is the caller's credential.
      options.logger?.debug('oauth token refused', { reason: (error as Error).message });
      return bearerAuthChallengeResponse(error, {
        requiredScopes: allScopes,
        resourceMetadataUrl: metadataUrl,
      });
    }
    const needed = await neededScope(request, writeTools, maxBodyBytes, body?.text);
    if (needed === 'too-large') {
      return Response.json(
        { jsonrpc: '2.0', error: { code: -32000, message: 'Request body too large.' }, id: null },
        { status: 413 },
      );
    }
    if (!grants(caller.scopes, needed.scope)) {
      const scope = needed.scope === 'write' ? writeScope : readScope;
      options.logger?.debug('oauth scope refused', { client: caller.clientId, needed: scope });
      const era = (request.headers.get('mcp-protocol-version') ?? '') >= '2026' ? 'modern' : 'legacy';
      for (const call of needed.writeCalls) {
        options.audit?.begin({ ...call, subject: `sub:${caller.subject}`, era }).end('insufficient_scope');
      }
      return bearerAuthChallengeResponse(
        new OAuthError(OAuthErrorCode.InsufficientScope, `This request needs the ${scope} scope.`),
        { requiredScopes: [scope], resourceMetadataUrl: metadataUrl },
      );
    }
    return {
      // Security: tools see a fingerprint, never the bearer token, so no tool can forward the
      // caller's credential to an upstream API (the pipeline also drops the header itself).
      token: caller.fingerprint,
      clientId: caller.clientId,
      scopes: caller.scopes,
      ...(caller.expiresAt !== undefined && { expiresAt: caller.expiresAt }),
      resource: resourceUrl,
      resourceMetadataUrl: metadataUrl,
      // Sessions of the 2025-11-25 era bind to `sub`: a refreshed token keeps its session, another
      // subject's token cannot use it.
      extra: { sub: caller.subject, iss: caller.issuer },
    } satisfies AuthInfo;
  };

  return {
    authenticate,
    routes: (request, url) => {
      const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
      return metadataPaths.has(path) ? metadataResponse(request, metadata) : undefined;
    },
    allowTool: (tool, request) =>
      grants(request.authInfo?.scopes ?? [], tool.annotations.readOnlyHint === true ? 'read' : 'write'),
    metadata,
    metadataUrl,
  };
}

type Verify = (token: string) => Promise<VerifiedToken>;

/**
 * JWTs are verified locally against the JWKS; anything else (an opaque token), every token when
 * `introspection.always` is set, or every token when there is no JWKS, goes to introspection.
 */
function createVerifier(options: OAuthResourceOptions, resourceUrl: URL): Verify {
  const tolerance = options.clockToleranceSec !== undefined && {
    clockToleranceSec: options.clockToleranceSec,
  };
  const jwt =
    (options.jwksUrl !== undefined || options.keys !== undefined) &&
    createJwtVerifier({
      issuer: options.issuer,
      jwksUrl: new URL(options.jwksUrl ?? options.issuer),
      resourceUrl,
      ...tolerance,
      ...(options.keys && { keys: options.keys }),
      ...(options.requireTyp !== undefined && { typ: options.requireTyp }),
    });
  const { introspection } = options;
  const introspect =
    introspection &&
    createIntrospector({
      url: new URL(introspection.url),
      clientId: introspection.clientId,
      clientSecret: introspection.clientSecret,
      issuer: options.issuer,
      resourceUrl,
      ...tolerance,
      ...(introspection.cacheTtlSec !== undefined && { cacheTtlSec: introspection.cacheTtlSec }),
    });
  if (!jwt && !introspect)
    throw new TypeError('OAuth resource-server mode needs jwksUrl, introspection, or both.');
  return (token) =>
    introspect && (!jwt || introspection?.always || !looksLikeJwt(token))
      ? introspect(token)
      : (jwt as Verify)(token);
}

function describeCause(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : error.message;
}
