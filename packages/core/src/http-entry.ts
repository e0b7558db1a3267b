// `@refmcp/core/http`: serving over Streamable HTTP outside runCli (own listeners, proxies, tests).
export type { ServeOptions, ToolInfo } from './app.js';
export { type AuditLog, type AuditLogOptions, openAuditLog } from './audit.js';
export { type Authenticator, createHttpPipeline, type HttpOptions, staticBearerAuth } from './http.js';
export { type HttpServerHandle, startHttpServer } from './http-server.js';
export { createLegacySessions, type LegacySessionOptions } from './http-sessions.js';
export {
  createOAuthResourceServer,
  type OAuthIntrospectionOptions,
  type OAuthResourceOptions,
  type OAuthResourceServer,
} from './oauth.js';
export { type OAuthConfig, oauthConfigFrom } from './oauth-config.js';
