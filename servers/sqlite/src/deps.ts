import { type ChangeFeed, createChangeFeed, type Logger, type ToolContext, toolsOf } from '@refmcp/core';
import type { SqliteConfig } from './config.js';
import { type DatabaseFile, databaseFile } from './database.js';
import { DatabasePool } from './db/pool.js';
import { Insights } from './insights.js';
import { ChangeNotifier } from './notify.js';
import { schemaVersion } from './schema.js';

/** What every SQLite tool can reach. All of it is shared by every connection of one server. */
export interface SqliteDeps {
  config: SqliteConfig;
  db: DatabasePool;
  notifier: ChangeNotifier;
  insights: Insights;
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
 * The query processes (started on the first statement), the schema poll and the insights memo.
 * Nothing here touches the database yet, so tests build it freely.
 */
export function createDeps(config: SqliteConfig, logger: Logger): SqliteRuntime {
  const file: DatabaseFile = databaseFile(config.database);
  const db = new DatabasePool({
    file: file.file,
    readOnly: config.readOnly,
    busyTimeoutMs: config.busyTimeoutMs,
    queryTimeoutMs: config.queryTimeoutMs,
    readers: config.readers,
    maxCellBytes: config.maxCellBytes,
    maxResultBytes: config.maxResultBytes,
    logger,
  });
  // 2026-era listen streams hear changes through the feed: over HTTP they belong to no instance.
  const changes = createChangeFeed((error) =>
    logger.debug('change listener failed', { error: error.message }),
  );
  const notifier = new ChangeNotifier(() => schemaVersion(db), config.schemaPollMs, logger, changes);
  return {
    deps: { config, db, notifier, insights: new Insights() },
    changes,
    close: () => {
      notifier.close();
      db.close();
      file.dispose();
    },
  };
}
