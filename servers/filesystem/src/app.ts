import { createLogger, createMcpApp, type Logger, type McpApp } from '@refmcp/core';
import type { FilesystemConfig } from './config.js';
import { createDeps, type FsDeps } from './deps.js';
import type { GrepPool } from './fs/grep-worker.js';
import { registerFileResources } from './resources.js';
import { followClientRoots } from './roots.js';
import { toolsFor } from './tools/index.js';

export type { FilesystemConfig } from './config.js';

const INSTRUCTIONS = `Tools for files under a fixed set of allowed directories (see list_allowed_directories).
Paths may be absolute or relative to the first allowed directory. Prefer search_content to find text,
search_files to find names, read_text_file with offset/limit or head/tail for large files, and edit_file
(with dryRun to preview) over rewriting whole files.`;

export interface AppOptions {
  logger?: Logger;
  version?: string;
  /** The search worker threads; tests pass one to watch it. The app closes it either way. */
  searchPool?: GrepPool;
}

/**
 * Builds the filesystem server from validated config. Pure: nothing touches the disk until a client
 * calls a tool. Each connection or HTTP request then gets its own MCP server from the app.
 */
export function createApp(config: FilesystemConfig, options: AppOptions = {}): McpApp {
  const logger = options.logger ?? createLogger({ name: 'refmcp-filesystem' });
  const deps = createDeps(config, logger, options);
  return createMcpApp<FsDeps>({
    name: 'refmcp-filesystem',
    version: options.version ?? '0.0.0',
    title: 'Filesystem',
    instructions: INSTRUCTIONS,
    tools: toolsFor(config),
    // Twenty tools: every host pays for tools/list in context on every turn.
    compactListing: true,
    logger,
    deps: () => deps.forConnection(),
    // Subscriptions are added per instance (see resources.ts); list changes are never sent.
    capabilities: { resources: { listChanged: false } },
    changes: deps.changes,
    setup: (instance, connection) => {
      const { server, era } = instance;
      // Roots are a server-to-client request, which only the legacy (session) era has.
      if (era === 'legacy') followClientRoots(server, connection.sandbox, config.allowedDirectories, logger);
      registerFileResources(instance, connection, deps.watcher);
    },
    close: () => deps.close(),
  });
}
