import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { databaseArg } from '../databases.js';
import type { PlanRow } from '../db/protocol.js';
import { defineTool, type SqliteContext } from '../deps.js';
import { paramsSchema, toBindable } from '../results.js';

/** SQLite's plan rows as the indented tree its shell prints. */
export function planTree(plan: readonly PlanRow[]): string {
  const children = new Map<number, PlanRow[]>();
  for (const row of plan) children.set(row.parent, [...(children.get(row.parent) ?? []), row]);
  const lines = ['QUERY PLAN'];
  const walk = (parent: number, indent: string, depth: number) => {
    const rows = children.get(parent) ?? [];
    rows.forEach((row, i) => {
      const last = i === rows.length - 1;
      lines.push(`${indent}${last ? '`--' : '|--'}${row.detail}`);
      // A malformed plan cannot make this loop forever.
      if (row.id !== parent && depth < 64) walk(row.id, `${indent}${last ? '   ' : '|  '}`, depth + 1);
    });
  };
  walk(0, '', 0);
  return lines.join('\n');
}

/** Tables read row by row without an index: the usual reason a query is slow. */
function fullScans(plan: readonly PlanRow[]): string[] {
  const tables = plan
    .map((row) => /^SCAN (\S+)(.*)$/.exec(row.detail))
    .filter((m): m is RegExpExecArray => m !== null && !/USING (COVERING )?INDEX/.test(m[2] ?? ''))
    .map((m) => m[1]!);
  return [...new Set(tables)];
}

export default defineTool({
  name: 'explain_query',
  title: 'Explain query',
  description:
    "SQLite's query plan (EXPLAIN QUERY PLAN) for one statement, as a tree, without running it. Shows which " +
    'indexes are used; fullScans lists tables read in full, where an index may help. Works for writes too.',
  inputSchema: z.object({
    query: z.string().min(1).describe('One SQL statement'),
    params: paramsSchema,
    database: databaseArg,
  }),
  outputSchema: z.object({
    plan: z.array(z.object({ id: z.number(), parent: z.number(), detail: z.string() })),
    tree: z.string(),
    fullScans: z.array(z.string()),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ query, params, database }, ctx: SqliteContext) => {
    const { rows } = await ctx.deps.databases
      .get(database)
      .pool.read<{ rows: PlanRow[] }>({ op: 'plan', sql: query, params: toBindable(params) }, ctx.signal);
    return { plan: rows, tree: planTree(rows), fullScans: fullScans(rows) };
  },
  render: ({ tree, fullScans: scans }) =>
    scans.length > 0 ? `${tree}\nFull scans: ${scans.join(', ')}` : tree,
});
