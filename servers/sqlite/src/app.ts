import { createLogger, createMcpApp, type Logger, type McpApp } from '@refmcp/core';
import type { SqliteConfig } from './config.js';
import { createDeps, type SqliteDeps } from './deps.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { schemaVersion } from './schema.js';
import { toolsFor } from './tools/index.js';

export type { SqliteConfig } from './config.js';

const INSTRUCTIONS = `Tools for SQLite databases. Start with list_tables (or the sqlite://schema resource), then
describe_table or search_schema. read_query runs one read-only statement; write_query one statement that changes
data or schema; write_batch several in one transaction; create_table one CREATE TABLE. Always pass values in params
instead of writing them into the SQL. Results are capped at max_rows: when truncated is true, pass nextCursor back as
cursor. Use explain_query to check a slow query's plan. Record findings with append_insight (memo://insights).`;

/** With several databases, the model learns their names and which one calls go to by default. */
function instructions(config: SqliteConfig): string {
  if (config.databases.length === 1) return INSTRUCTIONS;
  const names = config.databases.map(
    (d) => `${d.name}${d.readOnly ? ' (read-only)' : ''}${d.attached ? ' (attached to the others)' : ''}`,
  );
  return (
    `${INSTRUCTIONS}\nDatabases: ${names.join(', ')}. Every tool takes database (default: ${config.databases[0]!.name}); ` +
    'list_databases describes them. An attached database is read in SQL as <name>.<table>.'
  );
}

export interface AppOptions {
  logger?: Logger;
  version?: string;
}

/**
 * Builds the SQLite server. Pure: worker processes start on the first statement, and the
 * database file must already exist (loadConfig checks it), so tests build it freely.
 */
export function createApp(config: SqliteConfig, options: AppOptions = {}): McpApp {
  const logger = options.logger ?? createLogger({ name: 'refmcp-sqlite' });
  const runtime = createDeps(config, logger);
  const { databases, notifier } = runtime.deps;
  return createMcpApp<SqliteDeps>({
    name: 'refmcp-sqlite',
    version: options.version ?? '0.0.0',
    title: 'SQLite',
    instructions: instructions(config),
    tools: toolsFor(config),
    capabilities: { resources: { subscribe: true, listChanged: true }, prompts: {}, completions: {} },
    logger,
    changes: runtime.changes,
    deps: () => runtime.deps,
    setup: ({ server, era, connected }, shared) => {
      registerResources(server, shared);
      registerPrompts(server, shared);
      // A 2025-era connection (stdio, an HTTP session, in process) is notified through its own
      // instance; HTTP instances live for one request, and 2026-era clients hear the feed.
      if (connected && era === 'legacy') notifier.attach(server);
    },
    // Ready once a statement runs on every database: its query processes are up, its file readable.
    ready: () =>
      Promise.all(databases.all.map((d) => schemaVersion(d.pool))).then(
        () => true,
        () => false,
      ),
    close: runtime.close,
  });
}
