import { destructive } from '@refmcp/core';
import * as z from 'zod';
import { databaseArg } from '../databases.js';
import type { BatchResult, Impact } from '../db/protocol.js';
import { defineTool, type SqliteContext } from '../deps.js';
import { impactOf, impactWords, shownSql } from '../impact.js';
import { paramsSchema, toBindable } from '../results.js';

/** Enough for a migration or a data fix; a bulk load belongs in import_table. */
const MAX_STATEMENTS = 1000;

export default defineTool({
  name: 'write_batch',
  title: 'Write batch',
  description:
    `Run up to ${MAX_STATEMENTS} write statements in order, in one transaction: either all are kept, or the first ` +
    'that fails rolls back every one and the error names it (index, SQLite message). Each statement is ' +
    'checked like write_query (one statement, a write, no BEGIN/COMMIT); later ones may use tables earlier ' +
    'ones created. The whole batch counts against the query timeout. RETURNING rows are not returned.',
  inputSchema: z.object({
    statements: z
      .array(z.object({ query: z.string().min(1).describe('One SQL statement'), params: paramsSchema }))
      .min(1)
      .max(MAX_STATEMENTS),
    database: databaseArg,
  }),
  outputSchema: z.object({
    changes: z.number().describe('Rows inserted, updated or deleted by the whole batch'),
    results: z
      .array(
        z.object({
          changes: z.number(),
          lastInsertRowid: z.union([z.number(), z.string(), z.null()]),
        }),
      )
      .describe('One per statement, in order'),
    schemaChanged: z.boolean(),
  }),
  annotations: destructive({ openWorld: false }),
  // One question for the whole batch, naming each statement that deletes, drops or alters, as
  // the engine compiles it. A statement on a table an earlier one creates cannot be compiled
  // ahead, so it is not named; it can only touch what the batch itself made.
  confirm: async ({ statements, database }, ctx: SqliteContext) => {
    const db = ctx.deps.databases.writable(database);
    const found: string[] = [];
    const all = new Set<Impact>();
    for (const [index, { query, params }] of statements.entries()) {
      const impact = await impactOf(db, query, toBindable(params), ctx.signal);
      if (impact.length === 0) continue;
      for (const i of impact) all.add(i);
      if (found.length < 10) found.push(`#${index} ${shownSql(query)} (${impactWords(impact)})`);
      else if (found.length === 10) found.push('…');
    }
    if (all.size === 0) return undefined;
    return (
      `Run ${statements.length} statements in one transaction on ${db.label}; it ${impactWords([...all])}: ` +
      found.join('; ')
    );
  },
  handler: async ({ statements, database }, ctx: SqliteContext) => {
    const db = ctx.deps.databases.writable(database);
    const result = await db.pool.write<BatchResult>(
      {
        op: 'batch',
        statements: statements.map(({ query, params }) => ({ sql: query, params: toBindable(params) })),
      },
      ctx.signal,
    );
    if (result.schemaChanged) ctx.deps.notifier.schemaWritten(db, result.schemaVersion);
    return {
      changes: result.results.reduce((sum, r) => sum + r.changes, 0),
      results: result.results,
      schemaChanged: result.schemaChanged,
    };
  },
  render: ({ changes, results, schemaChanged }) =>
    `${results.length} statement${results.length === 1 ? '' : 's'} committed; ${changes} row${changes === 1 ? '' : 's'} changed` +
    (schemaChanged ? '; the schema changed.' : '.'),
});
