import { type ChangeFeed, createChangeFeed, type Logger, type ToolContext, toolsOf } from '@refmcp/core';
import { Sandbox, type SandboxHints } from '@refmcp/core/sandbox';
import type { FilesystemConfig } from './config.js';
import { GrepPool } from './fs/grep-worker.js';
import { followListenStreams } from './listen-streams.js';
import { createFileWatcher, type FileWatcher } from './watcher.js';

/** The sandbox's errors point at this server's own tools. */
const HINTS: SandboxHints = {
  outside: 'Call list_allowed_directories to see them.',
  missing: 'Check the path with list_directory or search_files.',
};

/** A sandbox over the allowed directories, its errors naming this server's tools. */
export const sandboxOver = (directories: readonly string[]) => new Sandbox(directories, HINTS);

/** What every filesystem tool can reach. The sandbox is per connection (client roots narrow it). */
export interface FsDeps {
  config: FilesystemConfig;
  sandbox: Sandbox;
  /** The app's search worker threads, shared by every connection. */
  searchPool: GrepPool;
}

export type FsContext = ToolContext<FsDeps>;

/** Every tool file declares itself with this: the deps type is bound once, here. */
export const defineTool = toolsOf<FsDeps>();

/** What lives as long as the app, shared by all its connections, and ends with it. */
export interface AppDeps {
  /** One OS-level watcher for resource subscriptions and listen streams. */
  watcher: FileWatcher;
  /** 2026-era listen streams over HTTP belong to no instance: they hear file changes through this. */
  changes: ChangeFeed;
  /** The deps of one connection: its own sandbox, for its client's roots to narrow. */
  forConnection(): FsDeps;
  close(): Promise<void>;
}

/**
 * Builds the app's long-lived pieces. Nothing touches the disk or starts a thread here: the watcher
 * loads on the first watch and the pool spawns a worker on the first search.
 */
export function createDeps(
  config: FilesystemConfig,
  logger: Logger,
  options: { searchPool?: GrepPool } = {},
): AppDeps {
  const watcher = createFileWatcher({
    onError: (error) => logger.warn('file watcher error', { error: error.message }),
  });
  const changes = createChangeFeed((error) =>
    logger.debug('change listener failed', { error: error.message }),
  );
  const searchPool = options.searchPool ?? new GrepPool();
  // Listen streams belong to no connection, so no client's roots narrow what they may watch.
  const listenSandbox = sandboxOver(config.allowedDirectories);
  const stopListening = followListenStreams(changes, listenSandbox, watcher, logger);
  return {
    watcher,
    changes,
    forConnection: () => ({ config, sandbox: sandboxOver(config.allowedDirectories), searchPool }),
    async close() {
      stopListening();
      await Promise.all([watcher.close(), searchPool.close()]);
    },
  };
}
