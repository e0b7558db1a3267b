import { type AnyTool, selectTools } from '@refmcp/core';
import type { SqliteConfig } from '../config.js';
import type { SqliteDeps } from '../deps.js';
import { READ_ONLY_REASON } from '../read-only-reason.js';
import appendInsight from './append_insight.js';
import createTable from './create_table.js';
import describeTable from './describe_table.js';
import explainQuery from './explain_query.js';
import exportQuery from './export_query.js';
import importTable from './import_table.js';
import listDatabases from './list_databases.js';
import listTables from './list_tables.js';
import readQuery from './read_query.js';
import searchSchema from './search_schema.js';
import writeBatch from './write_batch.js';
import writeQuery from './write_query.js';

/** Every tool of the server, in the order clients list them. */
export const catalog: AnyTool<SqliteDeps>[] = [
  readQuery,
  listDatabases,
  listTables,
  describeTable,
  explainQuery,
  searchSchema,
  appendInsight,
  writeQuery,
  writeBatch,
  createTable,
  importTable,
  exportQuery,
];

const NO_IO_DIRS =
  'no directory for files was given (--io-dir or SQLITE_IO_DIRS); restart the server with one';

/**
 * The tools this config offers. Security: with --read-only the 'write' switch is off, so the tools
 * that change the database are not registered at all, and --tools cannot bring them back.
 */
export function toolsFor(config: SqliteConfig): AnyTool<SqliteDeps>[] {
  return selectTools(catalog, {
    gates: {
      write: config.readOnly ? READ_ONLY_REASON : true,
      // Security: files are off unless the operator named directories; imports also need writes.
      export: config.ioDirectories.length > 0 ? true : NO_IO_DIRS,
      import: config.ioDirectories.length === 0 ? NO_IO_DIRS : config.readOnly ? READ_ONLY_REASON : true,
    },
    tools: config.tools,
    excludeTools: config.excludeTools,
  });
}
