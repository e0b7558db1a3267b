import { writes } from '@refmcp/core';
import * as z from 'zod';
import { databaseArg } from '../databases.js';
import type { WriteResult } from '../db/protocol.js';
import { defineTool, type SqliteContext } from '../deps.js';
import { paramsSchema, toBindable } from '../results.js';

export default defineTool({
  name: 'create_table',
  title: 'Create table',
  description:
    'Run one CREATE TABLE statement (IF NOT EXISTS and AS SELECT included). It runs in a transaction that is ' +
    'kept only if its sole effect was new tables; anything else is rolled back (use write_query for that).',
  inputSchema: z.object({
    query: z.string().min(1).describe('A CREATE TABLE statement'),
    params: paramsSchema,
    database: databaseArg,
  }),
  outputSchema: z.object({
    created: z.array(z.string()).describe('Tables created; empty when IF NOT EXISTS found one already'),
  }),
  annotations: writes({ openWorld: false }),
  handler: async ({ query, params, database }, ctx: SqliteContext) => {
    const db = ctx.deps.databases.writable(database);
    const result = await db.pool.write<WriteResult>(
      { op: 'query', mode: 'create_table', sql: query, params: toBindable(params), offset: 0, limit: 0 },
      ctx.signal,
    );
    if (result.schemaChanged) ctx.deps.notifier.schemaWritten(db, result.schemaVersion);
    return { created: result.created };
  },
  render: ({ created }) =>
    created.length > 0
      ? `Created table${created.length === 1 ? '' : 's'} ${created.join(', ')}.`
      : 'No table created: it already exists.',
});
