import { createLogger, createMcpApp, type Logger, type McpApp } from '@refmcp/core';
import type { TemplateConfig } from './config.js';
import type { TemplateDeps } from './deps.js';
import { toolsFor } from './tools/index.js';

export type { TemplateConfig } from './config.js';

export interface AppOptions {
  logger?: Logger;
  version?: string;
}

/**
 * Builds the server from validated config. Pure: no I/O until a client calls a tool, so tests
 * build it freely. Each connection or HTTP request then gets its own MCP server from the app.
 */
export function createApp(config: TemplateConfig, options: AppOptions = {}): McpApp {
  const logger = options.logger ?? createLogger({ name: 'refmcp-template' });
  const deps: TemplateDeps = { config };
  return createMcpApp<TemplateDeps>({
    name: 'refmcp-template',
    version: options.version ?? '0.0.0',
    title: 'Template',
    instructions: 'Use word_count to measure text and echo to check the connection.',
    tools: toolsFor(config),
    logger,
    deps: () => deps,
  });
}
