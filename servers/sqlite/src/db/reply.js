// @ts-check
/** The shape of what a database worker sends back over IPC (runner.js). */

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
 * back, JSON.parse of the same rows about 2 ms. Cells are already JSON-safe (cells.js).
 * @param {unknown} result
 */
export function packRows(result) {
  if (!result || typeof result !== 'object' || !('rows' in result) || !Array.isArray(result.rows))
    return result;
  const { rows, ...rest } = /** @type {{ rows: unknown[] }} */ (result);
  return { ...rest, rowsJson: JSON.stringify(rows) };
}
