/**
 * Messages between the server and its database worker processes (src/db/runner.js). Types only:
 * the runner is plain JavaScript and imports these through JSDoc.
 */

export type Cell = string | number | null | { $blob: string; bytes: number };
export type Params = unknown[] | Record<string, unknown> | undefined;

/** How the runner opens its connection. */
export interface RunnerOptions {
  file: string;
  /** Readers always open read-only; the writer opens read-write. */
  role: 'reader' | 'writer';
  busyTimeoutMs: number;
  /** Text longer than this (UTF-8 bytes) is cut, ending in a marker with its full length. */
  maxCellBytes: number;
  /** The most rows of one result may take in a reply, structured and text view together. */
  maxResultBytes: number;
  /** Other databases attached read-only under their name (see runner.js, attachAll). */
  attach: Array<{ name: string; file: string }>;
  /** A socket only the server holds the other end of (see orphan-watch.js). */
  lifelineFd?: number;
}

/**
 * - `read`: one statement SQLite reports as read-only that returns rows.
 * - `write`: one statement SQLite reports as writing (RETURNING rows come back too).
 * - `create_table`: a write whose only effect on the schema is adding tables.
 */
export interface IoLimits {
  maxRows: number;
  maxColumns: number;
  maxBytes: number;
}

export interface IoResult {
  rows: number;
  columns: string[];
  /** import: the table did not exist and was created from the file's columns. */
  created?: boolean;
  /** import: the schema version after it. */
  schemaVersion?: number;
  /** export: bytes written. */
  bytes?: number;
}

export type QueryMode = 'read' | 'write' | 'create_table';

export type RunnerRequest =
  | {
      id: number;
      op: 'query';
      mode: QueryMode;
      sql: string;
      params: Params;
      offset: number;
      limit: number;
      /** Reads only: also say whether the server may answer this statement itself (in-process.ts). */
      classify?: boolean;
      /** Reads only: answer with the rows still encoded and their text view (EncodedRows). */
      encoded?: boolean;
    }
  | { id: number; op: 'plan'; sql: string; params: Params }
  /** What a write statement would destroy, read from its compiled program; nothing runs. */
  | { id: number; op: 'impact'; sql: string; params: Params }
  /**
   * Write statements in one transaction, in order: all kept, or on the first failure none (the
   * error carries the failing statement's index).
   */
  | { id: number; op: 'batch'; statements: Array<{ sql: string; params: Params }> }
  /** Loads a CSV or JSON file (a path the server checked) into a table, in one transaction. */
  | { id: number; op: 'import'; file: string; format: 'csv' | 'json'; table: string; limits: IoLimits }
  /** Writes a read statement's rows to a file (a path the server checked), atomically. */
  | {
      id: number;
      op: 'export';
      sql: string;
      params: Params;
      file: string;
      format: 'csv' | 'json';
      limits: IoLimits;
    }
  /** The largest record payload in the main database, in bytes (SQLite's `dbstat`). */
  | { id: number; op: 'payload' }
  /** Our own introspection SQL (identifiers bound, never interpolated); rows as objects. */
  | { id: number; op: 'all'; sql: string; params: Params };

export interface ReadResult {
  columns: string[];
  rows: Cell[][];
  /** At least one row exists after the last one returned. */
  more: boolean;
  /** Cells cut to the cell cap. */
  cellsCut: number;
  /** The rows stopped at the byte cap (rather than at the row limit). */
  stoppedAtBytes: boolean;
  /** When asked (`classify`): whether the compiled program is bounded, at this schema version. */
  verdict?: Verdict;
}

/**
 * A read asked with `encoded` (read_query): the rows as the worker encoded them, which the
 * server sends on as they are (core's rawJson), and the text table rendered from them.
 */
export interface EncodedRows extends Omit<ReadResult, 'rows'> {
  rowsJson: string;
  rowCount: number;
  table: string;
  /** `table` as it stands inside a JSON string: escaped, without the quotes. */
  tableEscaped: string;
}

/** What a worker sends of an encoded read's last run, before the server joins the runs. */
export type EncodedRun = Omit<EncodedRows, 'table' | 'tableEscaped'> & { view: RunView };

/** One run of rows in the text view, drawn as the worker read them (statements.js readRows). */
export interface RunView {
  /** The rows' lines, joined by newlines. */
  lines: string;
  /**
   * `lines` as it stands inside a JSON string: escaped, without the quotes. Left out when no line
   * needs escaping beyond the newlines between them (cells.js escapedLines makes it then): sending
   * the rows' text twice cost the worker ~2 ms a 10,000-row read, on the path every read waits on.
   */
  escaped?: string;
}

export interface Verdict {
  schemaVersion: number;
  bounded: boolean;
}

export interface WriteResult extends ReadResult {
  changes: number;
  lastInsertRowid: number | string | null;
  schemaVersion: number;
  schemaChanged: boolean;
  /** Tables the statement created (create_table only). */
  created: string[];
}

/** What a write cannot take back: rows deleted, tables/indexes/triggers/views dropped, the schema altered. */
export type Impact = 'delete' | 'drop' | 'alter';

export interface BatchResult {
  /** Per statement, in order. */
  results: Array<{ changes: number; lastInsertRowid: number | string | null }>;
  schemaVersion: number;
  schemaChanged: boolean;
}

export interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

/** Why the runner refused a statement before (or instead of) running it. */
export type Refusal =
  | 'not_read_only'
  | 'returns_no_rows'
  | 'not_a_write'
  | 'vacuum_into'
  | 'explain'
  | 'transaction'
  | 'not_create_table'
  /** A write to an attached database: those are read-only. */
  | 'attached_write'
  /** An import or export over a row, column or byte cap (the message says which). */
  | 'io_limit'
  /** A file an import cannot read as asked (the message says why). */
  | 'io_format'
  /** A row (or an introspection answer) larger than the byte cap: the message says how large. */
  | 'result_too_large';

export interface RunnerError {
  /** `SqliteError`, `RangeError`, `TypeError` or `Refused`. */
  name: string;
  /** SQLite's extended code (`SQLITE_BUSY`, …) or the refusal reason. */
  code: string | undefined;
  message: string;
  /** In a batch: the 0-based index of the statement that failed. */
  index?: number;
}

export type RunnerResponse =
  /** An encoded read's rows so far, one run of them as a JSON array, and its view; the answer follows. */
  | { id: number; part: string; view: RunView }
  | { id: number; ok: true; result: unknown; retire?: boolean }
  | { id: number; ok: false; error: RunnerError; retire?: boolean }
  | { ready: true }
  | { fatal: RunnerError };
