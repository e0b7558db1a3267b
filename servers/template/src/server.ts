import { createMcpApp, type Logger, type McpApp } from '@refmcp/core';
import type { TemplateConfig } from './config.js';
import type { TemplateDeps } from './deps.js';
import { tools } from './tools/index.js';

export type { TemplateConfig } from './config.js';

export interface ServerOptions {
  logger?: Logger;
  version?: string;
}

/** Builds the server from config. Pure: no I/O until a client calls a tool, so tests build it freely. */
export function createServer(config: TemplateConfig, options: ServerOptions = {}): McpApp {
  return createMcpApp<TemplateDeps>({
    name: 'refmcp-template',
    version: options.version ?? '0.0.0',
    title: 'Template',
    instructions: 'Use word_count to measure text and echo to check the connection.',
    tools,
    ...(options.logger && { logger: options.logger }),
    deps: () => ({ config }),
  });
}
