import { type ChangeFeed, createChangeFeed, type Logger, type ToolContext, toolsOf } from '@refmcp/core';
import { Sandbox } from '@refmcp/core/sandbox';
import type { SqliteConfig } from './config.js';
import { Databases } from './databases.js';
import { Insights } from './insights.js';
import { ChangeNotifier } from './notify.js';
import { schemaVersion } from './schema.js';

/** What every SQLite tool can reach. All of it is shared by every connection of one server. */
export interface SqliteDeps {
  config: SqliteConfig;
  databases: Databases;
  notifier: ChangeNotifier;
  insights: Insights;
  /** The directories import_table and export_query may use (--io-dir); empty: none. */
  files: Sandbox;
}

export type SqliteContext = ToolContext<SqliteDeps>;

/** Every tool file declares itself with this: the deps type is bound once, here. */
export const defineTool = toolsOf<SqliteDeps>();

/** The shared deps plus what only the app needs: the change feed and what to release on close. */
export interface SqliteRuntime {
  deps: SqliteDeps;
  changes: ChangeFeed;
  close(): void;
}

/**
 * The query processes of each database (started on its first statement), the schema poll and the
 * insights memo. Nothing here touches a database yet, so tests build it freely.
 */
export function createDeps(config: SqliteConfig, logger: Logger): SqliteRuntime {
  const databases = new Databases(config, logger);
  // 2026-era listen streams hear changes through the feed: over HTTP they belong to no instance.
  const changes = createChangeFeed((error) =>
    logger.debug('change listener failed', { error: error.message }),
  );
  const sources = databases.all.map((d) => ({
    readVersion: () => schemaVersion(d.pool, { background: true }),
    schemaUri: d.schemaUri,
    tableUriPrefix: d.tableUriPrefix,
  }));
  const notifier = new ChangeNotifier(sources, config.schemaPollMs, logger, changes);
  const files = new Sandbox(config.ioDirectories, {
    outside: 'Only the directories given with --io-dir are allowed.',
  });
  return {
    deps: { config, databases, notifier, insights: new Insights(), files },
    changes,
    close: () => {
      notifier.close();
      databases.close();
    },
  };
}
