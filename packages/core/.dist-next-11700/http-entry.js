export { createHttpPipeline, startHttpServer, staticBearerAuth, } from './http.js';
export { createLegacySessions } from './http-sessions.js';
export { createOAuthResourceServer, } from './oauth.js';
export { oauthConfigFrom } from './oauth-config.js';
