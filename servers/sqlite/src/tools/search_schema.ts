import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { databaseArg } from '../databases.js';
import type { Cell } from '../db/protocol.js';
import { defineTool, type SqliteContext } from '../deps.js';

/** `*` and `?` wildcards to a LIKE pattern; without wildcards, the text may appear anywhere. */
export function likePattern(pattern: string): string {
  const escaped = pattern.replace(/[\\%_]/g, (c) => `\\${c}`);
  const like = escaped.replace(/\*/g, '%').replace(/\?/g, '_');
  return /[*?]/.test(pattern) ? like : `%${like}%`;
}

const SEARCH = `
SELECT kind, name, tbl, type, cols, sql FROM (
  SELECT s.type AS kind, s.name AS name, s.tbl_name AS tbl, NULL AS type, s.sql AS sql,
         CASE WHEN s.type IN ('table', 'view') THEN
           (SELECT group_concat(c.name || ' ' || c.type, ', ') FROM pragma_table_xinfo(s.name) c)
         END AS cols
    FROM sqlite_schema s
   WHERE s.type IN ('table', 'view', 'index', 'trigger') AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
     AND s.name LIKE :pattern ESCAPE '\\'
  UNION ALL
  SELECT 'column', c.name, s.name, c.type, NULL, NULL
    FROM sqlite_schema s JOIN pragma_table_xinfo(s.name) c
   WHERE s.type IN ('table', 'view') AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
     AND c.name LIKE :pattern ESCAPE '\\'
) ORDER BY CASE kind WHEN 'table' THEN 0 WHEN 'view' THEN 1 WHEN 'column' THEN 2 ELSE 3 END, tbl, name
LIMIT :limit`;

const match = z.object({
  kind: z.enum(['table', 'view', 'index', 'trigger', 'column']),
  name: z.string(),
  table: z.string().describe('The table a column, index or trigger belongs to (itself for tables)'),
  type: z.string().optional().describe('Declared type (columns; detail columns or full)'),
  columns: z.string().optional().describe('"name TYPE, …" (tables and views; detail columns or full)'),
  sql: z.string().optional().describe('CREATE statement (detail full)'),
});

export default defineTool({
  name: 'search_schema',
  title: 'Search schema',
  description:
    'Find tables, views, indexes, triggers and columns whose name matches a pattern (case-insensitive; ' +
    'plain text matches anywhere in the name, * and ? are wildcards). detail: names (just the matches), ' +
    'columns (default: plus column types), full (plus CREATE statements).',
  inputSchema: z.object({
    pattern: z.string().min(1).describe('e.g. "cust", "order_*", "*_id"'),
    detail: z.enum(['names', 'columns', 'full']).default('columns'),
    limit: z.number().int().min(1).max(1000).default(100),
    database: databaseArg,
  }),
  outputSchema: z.object({ matches: z.array(match), truncated: z.boolean() }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ pattern, detail, limit, database }, ctx: SqliteContext) => {
    const { rows } = await ctx.deps.databases
      .get(database)
      .pool.read<{ rows: Array<Record<string, Cell>> }>(
        { op: 'all', sql: SEARCH, params: { pattern: likePattern(pattern), limit: limit + 1 } },
        ctx.signal,
      );
    const matches = rows.slice(0, limit).map((r) => ({
      kind: r.kind as z.infer<typeof match>['kind'],
      name: String(r.name),
      table: String(r.tbl),
      ...(detail !== 'names' && r.type !== null && { type: String(r.type) }),
      ...(detail !== 'names' && r.cols !== null && { columns: String(r.cols) }),
      ...(detail === 'full' && r.sql !== null && { sql: String(r.sql) }),
    }));
    return { matches, truncated: rows.length > limit };
  },
  render: ({ matches, truncated }) => {
    if (matches.length === 0) return 'No match. list_tables shows every table.';
    const lines = matches.map((m) => {
      const where = m.kind === 'table' || m.kind === 'view' ? '' : ` in ${m.table}`;
      const type = m.type ? ` ${m.type}` : '';
      const cols = m.columns ? ` (${m.columns})` : '';
      return `${m.kind} ${m.name}${where}${type}${cols}${m.sql ? `\n  ${m.sql.replace(/\s+/g, ' ')}` : ''}`;
    });
    if (truncated) lines.push('(more matches: narrow the pattern or raise limit)');
    return lines.join('\n');
  },
});
