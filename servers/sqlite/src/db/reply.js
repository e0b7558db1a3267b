// @ts-check
/** The shape of what a database worker sends back over IPC (runner.js). */

import { renderTable, tableOf } from './cells.js';

/** @typedef {import('./protocol.js').Cell} Cell */

/** @param {unknown} error */
export function describe(error) {
  const e = /** @type {{name?: string, code?: unknown, message?: string, batchIndex?: number}} */ (
    error ?? {}
  );
  return {
    name: String(e.name ?? 'Error'),
    code: typeof e.code === 'string' ? e.code : undefined,
    message: String(e.message ?? error),
    ...(typeof e.batchIndex === 'number' && { index: e.batchIndex }),
  };
}

/**
 * Rows cross the IPC channel as one JSON string, which the server parses (process.ts): V8's
 * structured clone of 10,000 rows × 7 cells took the server's main thread about 10 ms to read
 * back, JSON.parse of the same rows about 2 ms. Cells are already JSON-safe (cells.js). With
 * `encoded` (read_query), the text table comes too, and the server never parses the rows: it
 * sends their JSON on as it is.
 * @param {unknown} result
 * @param {boolean} [encoded]
 */
export function packRows(result, encoded = false) {
  if (!result || typeof result !== 'object' || !('rows' in result) || !Array.isArray(result.rows))
    return result;
  const { rows, lines, ...rest } = /** @type {{ rows: Cell[][], lines?: string[], columns: string[] }} */ (
    result
  );
  const rowsJson = JSON.stringify(rows);
  if (!encoded) return { ...rest, rowsJson };
  const table = lines ? tableOf(rest.columns, lines) : renderTable(rest.columns, rows);
  return { ...rest, rowsJson, rowCount: rows.length, table };
}
