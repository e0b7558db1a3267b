import { type ToolContext, toolsOf } from '@refmcp/core';
import type { SqliteConfig } from './config.js';
import type { DatabasePool } from './db/pool.js';
import type { Insights } from './insights.js';
import type { ChangeNotifier } from './notify.js';

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
