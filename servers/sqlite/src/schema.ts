import { InvalidInputError, NotFoundError } from '@refmcp/core';
import type { DatabasePool, SubmitOptions } from './db/pool.js';
import type { Cell, ReadResult } from './db/protocol.js';

/**
 * Schema introspection. Every name the caller gives is a bound parameter of a table-valued PRAGMA
 * function (`pragma_table_xinfo(?)`), never text spliced into SQL: the official server's
 * `PRAGMA table_info(${name})` is how a table name became an injection.
 */

type Row = Record<string, Cell>;

async function all(
  db: DatabasePool,
  sql: string,
  params: unknown[] | Record<string, unknown> = [],
  signal?: AbortSignal,
) {
  const { rows } = await db.read<{ rows: Row[] }>({ op: 'all', sql, params }, signal);
  return rows;
}

/** Internal objects (sqlite_sequence, sqlite_stat1, …) are not user tables. */
const USER_OBJECT = `name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;

export interface TableSummary {
  name: string;
  type: 'table' | 'view';
  columns: number;
  /** Why the columns cannot be known: a view whose table was dropped or renamed. */
  broken?: string;
}

export async function listTables(db: DatabasePool, signal?: AbortSignal): Promise<TableSummary[]> {
  const summary = (r: Record<string, unknown>, columns: number, broken?: string): TableSummary => ({
    name: String(r.name),
    type: r.type as 'table' | 'view',
    columns,
    ...(broken && { broken }),
  });
  try {
    const rows = await all(
      db,
      `SELECT name, type, (SELECT count(*) FROM pragma_table_xinfo(s.name)) AS columns
         FROM sqlite_schema s WHERE type IN ('table', 'view') AND ${USER_OBJECT} ORDER BY name`,
      [],
      signal,
    );
    return rows.map((r) => summary(r, Number(r.columns)));
  } catch {
    // One view over a dropped table fails the whole count; list everything, each on its own.
    const rows = await all(
      db,
      `SELECT name, type FROM sqlite_schema s WHERE type IN ('table', 'view') AND ${USER_OBJECT} ORDER BY name`,
      [],
      signal,
    );
    const summaries: TableSummary[] = [];
    for (const r of rows) {
      const counted = await all(db, 'SELECT count(*) AS n FROM pragma_table_xinfo(?)', [r.name], signal).then(
        (c) => summary(r, Number(c[0]?.n)),
        (error: Error) => summary(r, 0, error.message),
      );
      summaries.push(counted);
    }
    return summaries;
  }
}

export async function tableNames(db: DatabasePool): Promise<string[]> {
  return (await listTables(db)).map((t) => t.name);
}

/** Double quotes, doubled inside: the one way to make any name a safe SQLite identifier. */
export function quoteIdentifier(name: string): string {
  // Security: NUL would end the identifier early in SQLite's C string handling.
  if (name.includes('\0')) throw new InvalidInputError('Names cannot contain NUL characters.');
  return `"${name.replace(/"/g, '""')}"`;
}

export interface TableRef {
  name: string;
  type: 'table' | 'view';
  sql: string | null;
}

/** The table or view with this name (SQLite names are case-insensitive), or a NotFoundError. */
export async function findTable(db: DatabasePool, name: string, signal?: AbortSignal): Promise<TableRef> {
  const [row] = await all(
    db,
    `SELECT name, type, sql FROM sqlite_schema
      WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE ORDER BY name = ? DESC LIMIT 1`,
    [name, name],
    signal,
  );
  if (!row) {
    throw new NotFoundError(`No table or view named ${JSON.stringify(name)}.`, {
      hint: 'Call list_tables to see the tables, or search_schema to find one by part of its name.',
    });
  }
  return { name: String(row.name), type: row.type as 'table' | 'view', sql: row.sql as string | null };
}

export interface TableDescription extends TableRef {
  columns: Array<{
    name: string;
    type: string;
    notNull: boolean;
    default: string | null;
    /** 1-based position in the primary key, 0 when not part of it. */
    primaryKey: number;
    generated: boolean;
  }>;
  indexes: Array<{ name: string; unique: boolean; origin: string; partial: boolean; columns: string[] }>;
  foreignKeys: Array<{
    from: string[];
    table: string;
    to: Array<string | null>;
    onUpdate: string;
    onDelete: string;
  }>;
}

export async function describeTable(
  db: DatabasePool,
  name: string,
  signal?: AbortSignal,
): Promise<TableDescription> {
  const table = await findTable(db, name, signal);
  const [columns, indexRows, fkRows] = await Promise.all([
    all(db, 'SELECT * FROM pragma_table_xinfo(?) ORDER BY cid', [table.name], signal),
    all(
      db,
      `SELECT il.name AS name, il."unique" AS uniq, il.origin AS origin, il.partial AS partial,
              ix.name AS col, ix.cid AS cid
         FROM pragma_index_list(?) il JOIN pragma_index_xinfo(il.name) ix
        WHERE ix.key = 1 ORDER BY il.name, ix.seqno`,
      [table.name],
      signal,
    ),
    all(db, 'SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq', [table.name], signal),
  ]);
  const indexes = new Map<string, TableDescription['indexes'][number]>();
  for (const r of indexRows) {
    const key = String(r.name);
    const entry = indexes.get(key) ?? {
      name: key,
      unique: r.uniq === 1,
      origin: String(r.origin),
      partial: r.partial === 1,
      columns: [],
    };
    // cid -2 is an expression, -1 the rowid.
    entry.columns.push(r.col === null ? (r.cid === -1 ? 'rowid' : '<expression>') : String(r.col));
    indexes.set(key, entry);
  }
  const fks = new Map<number, TableDescription['foreignKeys'][number]>();
  for (const r of fkRows) {
    const id = Number(r.id);
    const entry = fks.get(id) ?? {
      from: [],
      table: String(r.table),
      to: [],
      onUpdate: String(r.on_update),
      onDelete: String(r.on_delete),
    };
    entry.from.push(String(r.from));
    entry.to.push(r.to === null ? null : String(r.to));
    fks.set(id, entry);
  }
  return {
    ...table,
    columns: columns
      .filter((c) => c.hidden !== 1)
      .map((c) => ({
        name: String(c.name),
        type: String(c.type ?? ''),
        notNull: c.notnull === 1,
        default: c.dflt_value === null ? null : String(c.dflt_value),
        primaryKey: Number(c.pk),
        generated: c.hidden === 2 || c.hidden === 3,
      })),
    indexes: [...indexes.values()],
    foreignKeys: [...fks.values()],
  };
}

/** A few rows of a table, for resources and prompts. The name was checked by findTable. */
export async function sampleRows(db: DatabasePool, table: TableRef, limit: number): Promise<ReadResult> {
  return db.read<ReadResult>({
    op: 'query',
    mode: 'read',
    sql: `SELECT * FROM ${quoteIdentifier(table.name)}`,
    params: undefined,
    offset: 0,
    limit,
  });
}

/** The whole schema as SQL, tables first: what a model needs to write correct queries. */
export async function schemaSql(db: DatabasePool, signal?: AbortSignal): Promise<string> {
  const rows = await all(
    db,
    `SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND ${USER_OBJECT}
      ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 WHEN 'index' THEN 2 ELSE 3 END, name`,
    [],
    signal,
  );
  return rows.map((r) => `${String(r.sql)};`).join('\n\n');
}

/** The schema cookie; `background` for the poll (see SubmitOptions), not for readiness checks. */
export async function schemaVersion(db: DatabasePool, options: SubmitOptions = {}): Promise<number> {
  const { rows } = await db.read<{ rows: Row[] }>(
    { op: 'all', sql: 'PRAGMA schema_version', params: [] },
    undefined,
    options,
  );
  return Number(rows[0]?.schema_version ?? 0);
}
