import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { databaseArg } from '../databases.js';
import { defineTool, type SqliteContext } from '../deps.js';
import { listTables } from '../schema.js';

export default defineTool({
  name: 'list_tables',
  title: 'List tables',
  description:
    'The tables and views in the database, with their number of columns. Then describe_table for details, ' +
    'or search_schema to find tables and columns by name.',
  inputSchema: z.object({ database: databaseArg }),
  outputSchema: z.object({
    tables: z.array(
      z.object({
        name: z.string(),
        type: z.enum(['table', 'view']),
        columns: z.number(),
        broken: z.string().optional().describe('Why a view cannot be read, e.g. its table was dropped'),
      }),
    ),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ database }, ctx: SqliteContext) => ({
    tables: await listTables(ctx.deps.databases.get(database).pool, ctx.signal),
  }),
  render: ({ tables }) =>
    tables.length === 0
      ? 'The database has no tables yet.'
      : tables
          .map((t) =>
            t.broken
              ? `${t.name} (${t.type}, broken: ${t.broken})`
              : `${t.name} (${t.type}, ${t.columns} columns)`,
          )
          .join('\n'),
});
