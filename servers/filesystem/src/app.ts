import { createChangeFeed, createMcpApp, type Logger, type McpApp } from '@refmcp/core';
import type { FilesystemConfig } from './config.js';
import type { FsDeps } from './deps.js';
import { followListenStreams } from './listen-streams.js';
import { registerFileResources } from './resources.js';
import { followClientRoots } from './roots.js';
import { Sandbox } from './sandbox.js';
import { readTools, writeTools } from './tools/index.js';
import { createFileWatcher } from './watcher.js';

export type { FilesystemConfig } from './config.js';

const INSTRUCTIONS = `Tools for files under a fixed set of allowed directories (see list_allowed_directories).
Paths may be absolute or relative to the first allowed directory. Prefer search_content to find text,
search_files to find names, read_text_file with offset/limit or head/tail for large files, and edit_file
(with dryRun to preview) over rewriting whole files.`;

export interface ServerOptions {
  logger?: Logger;
  version?: string;
}

/** Builds the filesystem server. Pure: nothing touches the disk until a client calls a tool. */
export function createServer(config: FilesystemConfig, options: ServerOptions = {}): McpApp {
  const tools = config.readOnly ? readTools : [...readTools, ...writeTools];
  // One watcher for all connections of this app, for resource subscriptions.
  const watcher = createFileWatcher({
    onError: (error) => app.logger.warn('file watcher error', { error: error.message }),
  });
  // 2026-era listen streams over HTTP belong to no instance: they hear file changes through this.
  const changes = createChangeFeed((error) =>
    app.logger.debug('change listener failed', { error: error.message }),
  );
  const app = createMcpApp<FsDeps>({
    name: 'refmcp-filesystem',
    version: options.version ?? '0.0.0',
    title: 'Filesystem',
    instructions: INSTRUCTIONS,
    tools,
    ...(options.logger && { logger: options.logger }),
    deps: () => ({ config, sandbox: new Sandbox(config.allowedDirectories) }),
    // Subscriptions are added per instance (see resources.ts); list changes are never sent.
    capabilities: { resources: { listChanged: false } },
    changes,
    setup: (instance, deps) => {
      const { server, era, logger } = instance;
      // Roots are a server-to-client request, which only the legacy (session) era has.
      if (era === 'legacy') followClientRoots(server, deps.sandbox, config.allowedDirectories, logger);
      registerFileResources(instance, deps, watcher);
    },
    close: () => {
      stopListening();
      return watcher.close();
    },
  });
  const stopListening = followListenStreams(
    changes,
    { config, sandbox: new Sandbox(config.allowedDirectories) },
    watcher,
    app.logger,
  );
  return app;
}
