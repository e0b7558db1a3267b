import { renderLines, tableOf } from './cells.js';
import type { Cell, EncodedRows } from './protocol.js';

/**
 * An encoded read (read_query) put together from the runs of rows its worker sends while it is
 * still reading: each run's JSON is kept as it is, to be sent on unparsed, and its lines in the
 * text view are drawn here as it arrives. The worker reads and encodes, this thread renders, both
 * at once: drawing the view in the worker, after or between its reads, made it the longer part
 * of a big read.
 */
export class EncodedRowsBuilder {
  private readonly json: string[] = [];
  private readonly lines: string[] = [];
  /** Each run's lines as they stand inside a JSON string, for the reply's text (rowsTextJson). */
  private readonly escaped: string[] = [];

  /** One run: a JSON array of rows. */
  add(part: string): void {
    const rows = JSON.parse(part) as Cell[][];
    if (rows.length === 0) return;
    this.json.push(part.slice(1, -1));
    const lines = renderLines(rows);
    this.lines.push(lines);
    // Whole lines: no surrogate pair is split between two runs, so the pieces escape as the whole.
    this.escaped.push(JSON.stringify(lines).slice(1, -1));
  }

  /** The worker's answer, whose `rowsJson` holds the last run, with every run in it. */
  finish(last: Omit<EncodedRows, 'table' | 'tableEscaped'>): EncodedRows {
    this.add(last.rowsJson);
    const table = tableOf(last.columns, this.lines);
    return {
      ...last,
      rowsJson: `[${this.json.join(',')}]`,
      table,
      tableEscaped: table ? JSON.stringify(tableOf(last.columns, [])).slice(1, -1) + this.escapedRuns() : '',
    };
  }

  private escapedRuns(): string {
    let runs = '';
    for (const run of this.escaped) runs = `${runs}\\n${run}`;
    return runs;
  }
}
