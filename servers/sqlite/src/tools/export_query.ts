import { writes } from '@refmcp/core';
import * as z from 'zod';
import { databaseArg } from '../databases.js';
import type { IoResult } from '../db/protocol.js';
import { defineTool, type SqliteContext } from '../deps.js';
import { formatOf, ioFormat } from '../io-format.js';
import { paramsSchema, toBindable } from '../results.js';

export default defineTool({
  name: 'export_query',
  title: 'Export query',
  description:
    'Run one read-only statement and write all its rows to a CSV file (header line first) or a JSON file ' +
    '(an array of objects). The file must not exist yet; it appears complete or not at all. Integers beyond 2^53 are written as text, blobs ' +
    'as base64. Only paths inside the --io-dir directories; limits: --io-max-rows rows, --io-max-columns ' +
    'columns, --io-max-bytes bytes, and the query timeout.',
  inputSchema: z.object({
    query: z.string().min(1).describe('One read-only SQL statement'),
    params: paramsSchema,
    path: z
      .string()
      .min(1)
      .describe('The file to write, inside a --io-dir directory (relative: to the first)'),
    format: ioFormat,
    database: databaseArg,
  }),
  outputSchema: z.object({
    path: z.string().describe('The real path written'),
    rows: z.number(),
    columns: z.array(z.string()),
    bytes: z.number().describe('Size of the file written'),
  }),
  // Never replaces a file (an existing one is refused), so nothing is destroyed.
  annotations: writes({ openWorld: false }),
  gate: 'export',
  handler: async ({ query, params, path, format, database }, ctx: SqliteContext) => {
    const db = ctx.deps.databases.get(database);
    const file = await ctx.deps.files.resolve(path, 'create');
    const result = await db.pool.read<IoResult>(
      {
        op: 'export',
        sql: query,
        params: toBindable(params),
        file,
        format: formatOf(file, format),
        limits: ctx.deps.config.ioLimits,
      },
      ctx.signal,
    );
    return { path: file, rows: result.rows, columns: result.columns, bytes: result.bytes ?? 0 };
  },
  render: ({ path, rows, bytes }) => `Wrote ${rows} row${rows === 1 ? '' : 's'} (${bytes} bytes) to ${path}.`,
});
