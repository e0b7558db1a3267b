import { rawJson, readOnly, reply } from '@refmcp/core';
import * as z from 'zod';
import { databaseArg } from '../databases.js';
import type { EncodedRows, ReadResult } from '../db/protocol.js';
import { defineTool, type SqliteContext } from '../deps.js';
import {
  capNotice,
  clampRows,
  maxRowsSchema,
  nextCursor,
  paramsSchema,
  renderTable,
  rowsShape,
  rowsText,
  rowsTextJson,
  startOffset,
  toBindable,
} from '../results.js';

export default defineTool({
  name: 'read_query',
  title: 'Read query',
  description:
    'Run one read-only SQL statement (SELECT, WITH … SELECT, VALUES, or a PRAGMA that reads) and get rows. ' +
    'SQLite itself decides whether the statement is read-only; writes are refused here (use write_query). ' +
    'Pass values in params, not in the SQL. Results stop at max_rows; when truncated is true, call again ' +
    'with the same query, params and nextCursor as cursor. Pages re-run the query, so rows can shift if ' +
    'the data changes in between.',
  inputSchema: z.object({
    query: z.string().min(1).describe('One SQL statement'),
    params: paramsSchema,
    max_rows: maxRowsSchema,
    cursor: z.string().optional().describe('nextCursor from a previous call with the same query and params'),
    database: databaseArg,
  }),
  outputSchema: z.object(rowsShape),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ query, params, max_rows, cursor, database }, ctx: SqliteContext) => {
    const { config } = ctx.deps;
    const bound = toBindable(params);
    const db = ctx.deps.databases.get(database);
    const offset = startOffset(cursor, db.name, query, bound);
    const limit = clampRows(max_rows, config.maxRows, config.maxRowsCap);
    // A worker answers with the rows encoded and rendered (sent on unparsed); a read answered in
    // process (in-process.ts: a few rows at most) comes as arrays.
    const result = await db.pool.read<ReadResult | EncodedRows>(
      { op: 'query', mode: 'read', sql: query, params: bound, offset, limit, encoded: true },
      ctx.signal,
    );
    const encoded = 'rowsJson' in result;
    const rowCount = encoded ? result.rowCount : result.rows.length;
    const notice = capNotice({ ...result, rowCount }, config, 'pass nextCursor as cursor for the rest');
    const out = {
      columns: result.columns,
      rows: encoded ? rawJson(result.rowsJson) : result.rows,
      rowCount,
      truncated: result.more,
      ...(result.more && { nextCursor: nextCursor(db.name, query, bound, offset + rowCount) }),
      ...(notice && { notice }),
    };
    if (!encoded) return reply(out, [], { text: rowsText(renderTable(result.columns, result.rows), out) });
    // A big table goes out as the JSON made of it run by run, not encoded again (core's encodedText).
    const textJson = result.table ? rowsTextJson(result.tableEscaped, out) : undefined;
    return reply(out, [], { text: rowsText(result.table, out), ...(textJson && { textJson }) });
  },
});
