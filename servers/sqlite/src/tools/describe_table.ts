import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { databaseArg } from '../databases.js';
import { defineTool, type SqliteContext } from '../deps.js';
import { describeTable, type TableDescription } from '../schema.js';

function render(t: TableDescription): string {
  const lines = [`${t.type} ${t.name}`];
  const keyParts = t.columns.filter((c) => c.primaryKey > 0).length;
  for (const c of t.columns) {
    const bits = [c.type || 'ANY'];
    if (c.primaryKey > 0)
      bits.push(keyParts > 1 ? `PRIMARY KEY (part ${c.primaryKey} of ${keyParts})` : 'PRIMARY KEY');
    if (c.notNull) bits.push('NOT NULL');
    if (c.default !== null) bits.push(`DEFAULT ${c.default}`);
    if (c.generated) bits.push('GENERATED');
    lines.push(`  ${c.name} ${bits.join(' ')}`);
  }
  for (const i of t.indexes) {
    const kind = i.origin === 'pk' ? 'primary key' : i.unique ? 'unique index' : 'index';
    lines.push(`${kind} ${i.name} (${i.columns.join(', ')})${i.partial ? ' partial' : ''}`);
  }
  for (const f of t.foreignKeys) {
    const to = f.to.some((c) => c === null) ? '' : `(${f.to.join(', ')})`;
    lines.push(`foreign key (${f.from.join(', ')}) → ${f.table}${to} on delete ${f.onDelete}`);
  }
  return lines.join('\n');
}

export default defineTool({
  name: 'describe_table',
  title: 'Describe table',
  description:
    'Columns (type, NOT NULL, default, primary key position), indexes and foreign keys of one table or view, ' +
    'plus its CREATE statement. Names are matched case-insensitively; see list_tables for the names.',
  inputSchema: z.object({
    table_name: z.string().min(1).describe('Table or view name, unquoted'),
    database: databaseArg,
  }),
  outputSchema: z.object({
    name: z.string(),
    type: z.enum(['table', 'view']),
    sql: z.string().nullable(),
    columns: z.array(
      z.object({
        name: z.string(),
        type: z.string(),
        notNull: z.boolean(),
        default: z.string().nullable(),
        primaryKey: z.number().describe('Position in the primary key, 0 if not part of it'),
        generated: z.boolean(),
      }),
    ),
    indexes: z.array(
      z.object({
        name: z.string(),
        unique: z.boolean(),
        origin: z.string().describe('c: CREATE INDEX, u: UNIQUE constraint, pk: PRIMARY KEY'),
        partial: z.boolean(),
        columns: z.array(z.string()),
      }),
    ),
    foreignKeys: z.array(
      z.object({
        from: z.array(z.string()),
        table: z.string(),
        to: z.array(z.string().nullable()).describe('null: the referenced primary key'),
        onUpdate: z.string(),
        onDelete: z.string(),
      }),
    ),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ table_name, database }, ctx: SqliteContext) =>
    describeTable(ctx.deps.databases.get(database).pool, table_name, ctx.signal),
  render,
});
