import { type McpRequestContext, type OAuthProtectedResourceMetadata } from '@modelcontextprotocol/server';
import type { JWTVerifyGetKey } from 'jose';
import type { ToolInfo } from './app.js';
import type { Authenticator } from './http.js';
import type { Logger } from './logger.js';
export interface OAuthResourceOptions {
    /** The authorization server's issuer identifier, compared exactly with the token's `iss`. */
    issuer: string;
    /** Where the authorization server publishes its signing keys (JWKS). */
    jwksUrl: string | URL;
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
    /** Signing keys to use instead of fetching `jwksUrl`. */
    keys?: JWTVerifyGetKey;
    logger?: Logger;
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
/**
 * OAuth 2.1 resource-server mode: JWT access tokens from one authorization server, bound to this
 * server's URL, with two scopes mapped onto tool annotations. A token with the read scope sees and
 * calls the tools marked read-only; the write scope grants every tool, read-only ones included, so
 * a client never needs both. A call to a tool its token cannot use is refused before any server
 * instance exists, with a `403 insufficient_scope` challenge naming the scope to step up to.
 */
export declare function createOAuthResourceServer(options: OAuthResourceOptions): OAuthResourceServer;
