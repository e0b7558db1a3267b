import type { AnyTool } from '@refmcp/core';
import type { SqliteDeps } from '../deps.js';
import appendInsight from './append_insight.js';
import createTable from './create_table.js';
import describeTable from './describe_table.js';
import explainQuery from './explain_query.js';
import listTables from './list_tables.js';
import readQuery from './read_query.js';
import searchSchema from './search_schema.js';
import writeQuery from './write_query.js';

/**
 * Tools that never change the database; the only ones offered with --read-only. append_insight is
 * here because the memo lives in the server's memory, not in the file.
 */
export const readTools: AnyTool<SqliteDeps>[] = [
  readQuery,
  listTables,
  describeTable,
  explainQuery,
  searchSchema,
  appendInsight,
];

export const writeTools: AnyTool<SqliteDeps>[] = [writeQuery, createTable];
