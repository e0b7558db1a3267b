export { createMcpApp, type InstanceContext, type McpApp } from './app.js';
export { type ChangeFeed, createChangeFeed } from './changes.js';
export { type CliSpec, commonOptions, type OptionSpecs, packageVersion } from './config.js';
export type { ConfirmMode } from './confirm.js';
export {
  asToolError,
  CancelledError,
  ConfigError,
  describeError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  TimeoutError,
  ToolError,
  UpstreamError,
} from './errors.js';
export { createLogger, type Logger, type LogLevel } from './logger.js';
export { decodeCursor, encodeCursor, paginate } from './pagination.js';
export { throwIfAborted } from './progress.js';
export { rawJson } from './raw-json.js';
export { createRedactor } from './redact.js';
export { type RunContext, runCli } from './run.js';
export { selectTools, toolChoiceFrom, toolChoiceOptions } from './select.js';
export {
  type AnyTool,
  destructive,
  readOnly,
  reply,
  type ToolContext,
  type ToolDefinition,
  toolsOf,
  writes,
} from './tool.js';
