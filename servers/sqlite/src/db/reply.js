// @ts-check
/** The shape of what a database worker sends back over IPC (runner.js). */

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
 * Rows cross the IPC channel as JSON text, which the server parses (process.ts): V8's structured
 * clone of 10,000 rows × 7 cells took the server's main thread about 10 ms to read back,
 * JSON.parse of the same rows about 2 ms. Cells are already JSON-safe (cells.js). With `encoded`
 * (read_query), the rows were sent in runs as they were read (`part` messages, each with its
 * text view) and this is the last run: the server joins the runs' JSON and views as they are.
 * @param {unknown} result
 * @param {boolean} [encoded]
 */
export function packRows(result, encoded = false) {
  if (!result || typeof result !== 'object' || !('rows' in result) || !Array.isArray(result.rows))
    return result;
  const { rows, count, ...rest } = /** @type {{ rows: Cell[][], count?: number }} */ (result);
  const rowsJson = JSON.stringify(rows);
  // An encoded read's last run keeps its `view` (statements.js readRows drew it).
  return encoded ? { ...rest, rowsJson, rowCount: count ?? rows.length } : { ...rest, rowsJson };
}
