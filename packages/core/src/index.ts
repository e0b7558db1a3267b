export {
  createMcpApp,
  type Era,
  errorResult,
  type InstanceContext,
  type McpApp,
  type McpAppOptions,
  type ServeOptions,
  type ToolInfo,
} from './app.js';
export { type ChangeFeed, createChangeFeed } from './changes.js';
export {
  type CliResult,
  type CliSpec,
  type CommonOptions,
  commonOptions,
  formatHelp,
  type OptionSpec,
  type OptionSpecs,
  type OptionValues,
  parseCli,
} from './config.js';
export {
  asToolError,
  CancelledError,
  ConfigError,
  describeError,
  type ErrorKind,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  TimeoutError,
  ToolError,
  UpstreamError,
} from './errors.js';
export {
  type Authenticator,
  createHttpPipeline,
  type HttpOptions,
  type HttpServerHandle,
  startHttpServer,
  staticBearerAuth,
} from './http.js';
export { createLegacySessions, type LegacySessionOptions } from './http-sessions.js';
export { createLogger, echoToClient, type Logger, type LoggerOptions, type LogLevel } from './logger.js';
export {
  createOAuthResourceServer,
  type OAuthResourceOptions,
  type OAuthResourceServer,
} from './oauth.js';
export { type OAuthConfig, oauthConfigFrom } from './oauth-config.js';
export { decodeCursor, encodeCursor, type Page, paginate } from './pagination.js';
export { createProgressReporter, throwIfAborted } from './progress.js';
export { createRedactor, type Redactor } from './redact.js';
export { die, type RunCliOptions, type RunContext, runCli } from './run.js';
export {
  type AnyTool,
  defineTool,
  type ProgressReporter,
  renderCompact,
  reply,
  type ToolAnnotations,
  type ToolContext,
  type ToolDefinition,
  ToolReply,
} from './tool.js';
