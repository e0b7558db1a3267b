import { createHash } from 'node:crypto';
import { decodeCursor, encodeCursor, InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { formatBytes } from './db/cells.js';
import type { Params, ReadResult } from './db/protocol.js';

export { renderTable } from './db/cells.js';

export const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const paramsSchema = z
  .union([z.array(scalar), z.record(z.string(), scalar)])
  .optional()
  .describe(
    'Values bound to placeholders, never spliced into the SQL: an array for ?, or an object for :name, @name, $name (keys without the prefix) and ?1, ?2 (keys "1", "2")',
  );

export const maxRowsSchema = z
  .number()
  .int()
  .positive()
  .optional()
  .describe('Most rows to return (server default and cap apply)');

const CELLS = 'each cell a string, number, null, or a blob as {$blob: base64 of the first 4 KiB, bytes}';

/**
 * Rows of cells, one array per row. Not checked cell by cell here, because the values come from
 * our own query process (a 4-way union on every cell cost about 7 ms of the server's main thread
 * per 10,000 rows). The cell types are announced in words, not as a schema under `items`: a
 * client that checks results against the output schema, as the SDK's does, would otherwise test
 * every cell against four shapes, 10-20 ms of the client's time per 10,000 rows of 7 columns
 * (0.1 ms with the cells described in words).
 */
export function rowsSchema(description: string) {
  return z.any().meta({ type: 'array', items: { type: 'array' }, description: `${description}; ${CELLS}` });
}

export const rowsShape = {
  columns: z.array(z.string()),
  rows: rowsSchema('One array per row, in column order'),
  rowCount: z.number().describe('Rows in this result'),
  truncated: z.boolean().describe('True when more rows exist; pass nextCursor to get them'),
  nextCursor: z.string().optional(),
  notice: noticeSchema(),
};

/** Present only when a byte cap shortened the result: which one, and how to get the rest. */
export function noticeSchema() {
  return z
    .string()
    .optional()
    .describe('Set when a byte cap shortened the result: which cap, and how to read the rest');
}

/**
 * Says which byte caps acted on a result, naming the flags that set them; undefined when none
 * did. `rest` is how to get the rows that did not fit.
 */
export function capNotice(
  result: Pick<ReadResult, 'cellsCut' | 'stoppedAtBytes'> & { rowCount: number },
  caps: { maxCellBytes: number; maxResultBytes: number },
  rest: string,
): string | undefined {
  const parts: string[] = [];
  if (result.stoppedAtBytes) {
    parts.push(
      `Stopped after ${result.rowCount} rows at the ${formatBytes(caps.maxResultBytes)} result cap (--max-result-bytes); ${rest}.`,
    );
  }
  if (result.cellsCut > 0) {
    const cells = result.cellsCut === 1 ? '1 cell longer than' : `${result.cellsCut} cells longer than`;
    parts.push(
      `${cells} ${formatBytes(caps.maxCellBytes)} came back cut, each ending with its full length (--max-cell-bytes); read the rest with substr(column, start, length).`,
    );
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** Booleans become 1/0 (SQLite has no boolean); `:name` / `?1`-style keys lose their prefix. */
export function toBindable(params: z.output<typeof paramsSchema>): Params {
  if (params === undefined) return undefined;
  const value = (v: z.output<typeof scalar>) => (typeof v === 'boolean' ? Number(v) : v);
  if (Array.isArray(params)) return params.map(value);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k.replace(/^[:@$?]/, ''), value(v)]));
}

const cursorState = z.object({ q: z.string(), o: z.number().int().nonnegative() });

function fingerprint(database: string, sql: string, params: Params): string {
  return createHash('sha256')
    .update(JSON.stringify([database, sql, params ?? null]))
    .digest('base64url')
    .slice(0, 16);
}

/**
 * Where a page starts. The cursor names the query it belongs to (a hash of the database's name,
 * the SQL and the parameters) and an offset; continuing re-runs the query and skips that many
 * rows, so if the data changes between pages, rows can shift. The same query on another database
 * would page through other rows.
 */
export function startOffset(
  cursor: string | undefined,
  database: string,
  sql: string,
  params: Params,
): number {
  if (!cursor) return 0;
  const state = decodeCursor(cursor, cursorState);
  if (state.q !== fingerprint(database, sql, params)) {
    throw new InvalidInputError('This cursor belongs to a different query, parameters or database.', {
      hint: 'Pass the same query, params and database as the call that returned the cursor, or omit cursor.',
    });
  }
  return state.o;
}

export function nextCursor(database: string, sql: string, params: Params, offset: number): string {
  return encodeCursor({ q: fingerprint(database, sql, params), o: offset });
}

export function clampRows(requested: number | undefined, fallback: number, cap: number): number {
  return Math.min(requested ?? fallback, cap);
}

type PageOut = {
  rowCount: number;
  truncated: boolean;
  nextCursor?: string | undefined;
  notice?: string | undefined;
};

/** What the model reads of a page of rows: the table, how many rows, and any cap notice. */
export function rowsText(table: string, out: PageOut): string {
  // Concatenated rather than joined: a big table is then copied once, when the reply is encoded.
  const footer = rowsFooter(out);
  return table ? `${table}\n${footer}` : footer;
}

/**
 * `JSON.stringify(rowsText(table, out))`, from the table as it stands escaped inside a JSON string
 * (`tableEscaped`, which EncodedRowsBuilder made run by run): the big part is not encoded again.
 */
export function rowsTextJson(tableEscaped: string, out: PageOut): string {
  return `"${tableEscaped}${JSON.stringify(`\n${rowsFooter(out)}`).slice(1)}`;
}

/** How many rows, and any cap notice: the lines under the table. */
function rowsFooter(out: PageOut): string {
  const footer = out.truncated
    ? `(${out.rowCount} rows shown; more exist: call again with cursor "${out.nextCursor}")`
    : `(${out.rowCount} row${out.rowCount === 1 ? '' : 's'})`;
  return out.notice ? `${footer}\n${out.notice}` : footer;
}
