import { createMcpApp, type Logger, type McpApp } from '@refmcp/core';
import type { FilesystemConfig } from './config.js';
import type { FsDeps } from './deps.js';
import { followClientRoots } from './roots.js';
import { Sandbox } from './sandbox.js';
import { readTools, writeTools } from './tools/index.js';

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
  return createMcpApp<FsDeps>({
    name: 'refmcp-filesystem',
    version: options.version ?? '0.0.0',
    title: 'Filesystem',
    instructions: INSTRUCTIONS,
    tools,
    ...(options.logger && { logger: options.logger }),
    deps: () => ({ config, sandbox: new Sandbox(config.allowedDirectories) }),
    setup: ({ server, era, logger }, deps) => {
      // Roots are a server-to-client request, which only the legacy (session) era has.
      if (era === 'legacy') followClientRoots(server, deps.sandbox, config.allowedDirectories, logger);
    },
  });
}
