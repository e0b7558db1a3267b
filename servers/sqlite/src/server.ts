import { createChangeFeed, createLogger, createMcpApp, type Logger, type McpApp } from '@refmcp/core';
import type { SqliteConfig } from './config.js';
import { DatabasePool } from './db/pool.js';
import type { SqliteDeps } from './deps.js';
import { Insights } from './insights.js';
import { ChangeNotifier } from './notify.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { schemaVersion } from './schema.js';
import { readTools, writeTools } from './tools/index.js';

export type { SqliteConfig } from './config.js';
export { type PreparedDatabase, prepareDatabase } from './database.js';

const INSTRUCTIONS = `Tools for one SQLite database. Start with list_tables (or the sqlite://schema resource), then
describe_table or search_schema. read_query runs one read-only statement; write_query one statement that changes
data or schema; create_table one CREATE TABLE. Always pass values in params instead of writing them into the SQL.
Results are capped at max_rows: when truncated is true, pass nextCursor back as cursor. Use explain_query to check
a slow query's plan. Record findings with append_insight (memo://insights).`;

export interface ServerOptions {
  logger?: Logger;
  version?: string;
  /** Called after the workers stop, e.g. to delete the temporary file behind `:memory:`. */
  onClose?: () => void;
}

/**
 * Builds the SQLite server. Pure: worker processes start on the first statement, and the
 * database file must already exist (see prepareDatabase), so tests build it freely.
 */
export function createServer(config: SqliteConfig, options: ServerOptions = {}): McpApp {
  const logger = options.logger ?? createLogger({ name: 'refmcp-sqlite', level: 'info' });
  const db = new DatabasePool({
    file: config.database,
    readOnly: config.readOnly,
    busyTimeoutMs: config.busyTimeoutMs,
    queryTimeoutMs: config.queryTimeoutMs,
    readers: config.readers,
    logger,
  });
  // 2026-era listen streams hear changes through the feed: over HTTP they belong to no instance.
  const changes = createChangeFeed((error) =>
    logger.debug('change listener failed', { error: error.message }),
  );
  const notifier = new ChangeNotifier(() => schemaVersion(db), config.schemaPollMs, logger, changes);
  const deps: SqliteDeps = { config, db, notifier, insights: new Insights() };
  return createMcpApp<SqliteDeps>({
    name: 'refmcp-sqlite',
    version: options.version ?? '0.0.0',
    title: 'SQLite',
    instructions: INSTRUCTIONS,
    tools: config.readOnly ? readTools : [...readTools, ...writeTools],
    capabilities: { resources: { subscribe: true, listChanged: true }, prompts: {}, completions: {} },
    logger,
    changes,
    deps: () => deps,
    setup: ({ server, era, connected }, shared) => {
      registerResources(server, shared);
      registerPrompts(server, shared);
      // A 2025-era connection (stdio, an HTTP session, in process) is notified through its own
      // instance; HTTP instances live for one request, and 2026-era clients hear the feed.
      if (connected && era === 'legacy') notifier.attach(server);
    },
    // Ready once a statement runs: the query processes are up and the file is readable.
    ready: () =>
      schemaVersion(db).then(
        () => true,
        () => false,
      ),
    close: () => {
      notifier.close();
      db.close();
      options.onClose?.();
    },
  });
}
