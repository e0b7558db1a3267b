import { escapedLines, tableOf } from './cells.js';
import type { EncodedRows, EncodedRun, RunView } from './protocol.js';

/**
 * An encoded read (read_query) put together from the runs of rows its worker sends while it is
 * still reading: each run's JSON and its lines of the text view come drawn by the worker and are
 * only joined here, to be sent on unparsed. The lines escaped for a JSON string come too when a
 * line needed more than its newlines escaped; otherwise their newlines are escaped here.
 *
 * The worker draws each run from the rows it still holds as values. Drawing here meant parsing
 * every run again first: on a 10,000-row read that was ~12 ms of JSON.parse and ~10 ms of drawing
 * on the main thread, which every other call waits behind, against ~6 ms more in the worker.
 */
export class EncodedRowsBuilder {
  private readonly json: string[] = [];
  private readonly lines: string[] = [];
  /** Each run's lines as they stand inside a JSON string, for the reply's text (rowsTextJson). */
  private readonly escaped: string[] = [];

  /** One run: a JSON array of rows, and its view. */
  add(part: string, view: RunView): void {
    if (part === '[]') return;
    this.json.push(part.slice(1, -1));
    this.lines.push(view.lines);
    // Whole lines: no surrogate pair is split between two runs, so the pieces escape as the whole.
    this.escaped.push(view.escaped ?? escapedLines(view.lines));
  }

  /** The worker's answer, whose `rowsJson` and `view` hold the last run, with every run in it. */
  finish({ view, ...last }: EncodedRun): EncodedRows {
    this.add(last.rowsJson, view);
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
