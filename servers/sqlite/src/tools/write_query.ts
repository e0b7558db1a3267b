import { destructive } from '@refmcp/core';
import * as z from 'zod';
import { databaseArg } from '../databases.js';
import type { WriteResult } from '../db/protocol.js';
import { defineTool, type SqliteContext } from '../deps.js';
import { impactOf, impactWords, shownSql } from '../impact.js';
import {
  capNotice,
  clampRows,
  maxRowsSchema,
  noticeSchema,
  paramsSchema,
  renderTable,
  rowsSchema,
  toBindable,
} from '../results.js';

export default defineTool({
  name: 'write_query',
  title: 'Write query',
  description:
    'Run one SQL statement that changes the database: INSERT, UPDATE, DELETE, REPLACE, CREATE/DROP/ALTER, ' +
    'CREATE INDEX, VACUUM, ANALYZE… SQLite itself decides that it writes; reads are refused (use read_query). ' +
    'Each call is its own transaction (BEGIN/COMMIT are not accepted). Pass values in params, not in the ' +
    'SQL. Rows from RETURNING come back as columns/rows.',
  inputSchema: z.object({
    query: z.string().min(1).describe('One SQL statement'),
    params: paramsSchema,
    max_rows: maxRowsSchema.describe('Most RETURNING rows to include'),
    database: databaseArg,
  }),
  outputSchema: z.object({
    changes: z.number().describe('Rows inserted, updated or deleted'),
    lastInsertRowid: z.union([z.number(), z.string(), z.null()]),
    schemaChanged: z.boolean(),
    columns: z.array(z.string()),
    rows: rowsSchema('RETURNING rows, if any'),
    truncated: z.boolean(),
    notice: noticeSchema(),
  }),
  annotations: destructive({ openWorld: false }),
  // The user approves what the engine says the statement destroys; inserts and updates go ahead.
  confirm: async ({ query, params, database }, ctx: SqliteContext) => {
    const db = ctx.deps.databases.writable(database);
    const impact = await impactOf(db, query, toBindable(params), ctx.signal);
    if (impact.length === 0) return undefined;
    return `Run on ${db.label}: ${shownSql(query)} — it ${impactWords(impact)}`;
  },
  handler: async ({ query, params, max_rows, database }, ctx: SqliteContext) => {
    const { config, notifier } = ctx.deps;
    const db = ctx.deps.databases.writable(database);
    const result = await db.pool.write<WriteResult>(
      {
        op: 'query',
        mode: 'write',
        sql: query,
        params: toBindable(params),
        offset: 0,
        limit: clampRows(max_rows, config.maxRows, config.maxRowsCap),
      },
      ctx.signal,
    );
    if (result.schemaChanged) notifier.schemaWritten(db, result.schemaVersion);
    const notice = capNotice(
      { ...result, rowCount: result.rows.length },
      config,
      'the write itself is complete',
    );
    return {
      changes: result.changes,
      lastInsertRowid: result.lastInsertRowid,
      schemaChanged: result.schemaChanged,
      columns: result.columns,
      rows: result.rows,
      truncated: result.more,
      ...(notice && { notice }),
    };
  },
  render: (out) => {
    const lines = [`${out.changes} row${out.changes === 1 ? '' : 's'} changed`];
    if (out.lastInsertRowid !== null && out.changes > 0)
      lines[0] += `; last insert rowid ${out.lastInsertRowid}`;
    if (out.schemaChanged) lines.push('The schema changed.');
    if (out.columns.length > 0) lines.push(renderTable(out.columns, out.rows));
    if (out.truncated) lines.push('(more RETURNING rows were produced than shown)');
    if (out.notice) lines.push(out.notice);
    return lines.join('\n');
  },
});
