import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import { databaseArg } from '../databases.js';
import type { IoResult } from '../db/protocol.js';
import { defineTool, type SqliteContext } from '../deps.js';
import { formatOf, ioFormat } from '../io-format.js';

export default defineTool({
  name: 'import_table',
  title: 'Import table',
  description:
    'Load a CSV file (first line: column names) or a JSON file (an array of objects) into a table, in one ' +
    'transaction: every row or none. A missing table is created with the file columns (untyped); an existing ' +
    'one gets the rows appended by column name. CSV fields written as plain numbers (3, -2.5) arrive as ' +
    'numbers, the rest as text (007 and 1.10 stay text). Only files inside the --io-dir directories; limits: --io-max-rows rows, --io-max-columns ' +
    'columns, --io-max-bytes bytes, and the query timeout.',
  inputSchema: z.object({
    path: z.string().min(1).describe('The file, inside a --io-dir directory (relative: to the first)'),
    table: z.string().min(1).describe('Table to fill, unquoted; created if missing'),
    format: ioFormat,
    database: databaseArg,
  }),
  outputSchema: z.object({
    table: z.string(),
    rows: z.number().describe('Rows inserted'),
    columns: z.array(z.string()),
    created: z.boolean().describe('The table did not exist and was created'),
  }),
  annotations: writes({ openWorld: false }),
  // Behind two switches: writes must be allowed and the operator must have named --io-dir.
  gate: 'import',
  handler: async ({ path, table, format, database }, ctx: SqliteContext) => {
    const db = ctx.deps.databases.writable(database);
    // Security: NUL would end the name early in SQLite's C string handling.
    if (table.includes('\0')) throw new InvalidInputError('Table names cannot contain NUL characters.');
    const file = await ctx.deps.files.resolve(path, 'read');
    const result = await db.pool.write<IoResult>(
      { op: 'import', file, format: formatOf(file, format), table, limits: ctx.deps.config.ioLimits },
      ctx.signal,
    );
    if (result.created) ctx.deps.notifier.schemaWritten(db, result.schemaVersion ?? 0);
    return { table, rows: result.rows, columns: result.columns, created: result.created ?? false };
  },
  render: ({ table, rows, columns, created }) =>
    `Imported ${rows} row${rows === 1 ? '' : 's'} into ${created ? 'new table ' : ''}${table} (${columns.length} columns).`,
});
