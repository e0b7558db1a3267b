// @ts-check
/**
 * What the database worker runs for each kind of request, once a statement has passed the
 * classifier: reads held to the row and byte caps, writes, and table creation checked by the
 * schema it leaves behind. Plain JavaScript for the reason runner.js is.
 */
import { escapedLines, formatBytes, headerBytes } from './cells.js';

/** @typedef {import('./protocol.js').Cell} Cell */
/** @typedef {import('./protocol.js').Refusal} Refusal */
/** @typedef {import('./protocol.js').RunView} RunView */

/**
 * A read's rows cross to the server in runs of about this many bytes (rows as JSON plus their
 * text view), so that the server sends one run on while this process reads the next.
 */
const BATCH_BYTES = 64 * 1024;

export class Refused extends Error {
  /**
   * @param {Refusal} code
   * @param {string} [message] what the server tells the model, when the code alone cannot say it
   */
  constructor(code, message) {
    super(message ?? code);
    this.name = 'Refused';
    this.code = code;
  }
}

/**
 * Binds positional (array) or named (object) parameters; none when undefined.
 * @template T
 * @param {import('better-sqlite3').Statement} stmt
 * @param {unknown} params
 * @param {(stmt: import('better-sqlite3').Statement, args: unknown[]) => T} run
 * @returns {T}
 */
export function bind(stmt, params, run) {
  if (params === undefined) return run(stmt, []);
  return run(stmt, Array.isArray(params) ? params : [params]);
}

/**
 * @param {import('better-sqlite3').Database} db the connection statements run on
 * @param {ReturnType<typeof import('./cells.js').cellMaker>} cells
 * @param {number} maxResultBytes
 */
export function statementsOn(db, cells, maxResultBytes) {
  /**
   * The page of rows from `offset`, at most `limit` rows and the byte cap. With `onBatch`, kept
   * rows go to it in runs of about BATCH_BYTES as they are read (the server takes one run while
   * the next is read), each with its text view drawn as it was read, and only the last run comes
   * back in `rows` (with its view in `view`).
   * @param {import('better-sqlite3').Statement} stmt
   * @param {unknown} params
   * @param {number} offset
   * @param {number} limit
   * @param {(rows: Cell[][], view: RunView) => void} [onBatch]
   */
  function readRows(stmt, params, offset, limit, onBatch) {
    const columns = stmt.columns().map((c) => c.name);
    const draw = onBatch !== undefined;
    /** @type {Cell[][]} */
    let rows = [];
    // The run's view, line by line. Appended rather than joined at the end: V8 then copies each
    // line once, when the run is sent, where an array join first flattened every line (half the
    // drawing time of 10,000 rows). The escaped form only once a line needs more than its
    // newline escaped (see RunView): most runs are sent as their lines alone.
    /** @type {RunView} */
    let view = { lines: '' };
    let count = 0;
    let batchBytes = 0;
    let more = false;
    let stoppedAtBytes = false;
    let cellsCut = 0;
    let index = 0;
    let left = maxResultBytes - headerBytes(columns);
    if (left < 0) throw tooLarge('The column names alone take', -left + maxResultBytes);
    // iterate() so that only offset + limit + 1 rows are ever produced; the extra one tells us
    // exactly whether the result was cut.
    const iterator = bind(stmt.raw(true), params, (s, p) => s.iterate(...p));
    for (const raw of iterator) {
      if (index++ < offset) continue;
      if (count === limit) {
        more = true;
        break;
      }
      const { row, bytes, cut, drawn } = cells.row(/** @type {unknown[]} */ (raw), draw);
      if (bytes > left) {
        // Security: never more than the cap, even for one row; the caller learns how to ask for less.
        if (count === 0) throw tooLarge('One row of this result takes', bytes);
        more = true;
        stoppedAtBytes = true;
        break;
      }
      left -= bytes;
      cellsCut += cut;
      rows.push(row);
      if (drawn) {
        const first = rows.length === 1;
        if (view.escaped === undefined && drawn.escaped !== drawn.line)
          view.escaped = escapedLines(view.lines);
        if (view.escaped !== undefined)
          view.escaped = first ? drawn.escaped : `${view.escaped}\\n${drawn.escaped}`;
        view.lines = first ? drawn.line : `${view.lines}\n${drawn.line}`;
      }
      count++;
      batchBytes += bytes;
      if (onBatch && batchBytes >= BATCH_BYTES) {
        onBatch(rows, view);
        rows = [];
        view = { lines: '' };
        batchBytes = 0;
      }
    }
    iterator.return?.();
    return {
      columns,
      rows,
      count,
      more,
      cellsCut,
      stoppedAtBytes,
      ...(draw && { view }),
    };
  }

  /**
   * @param {string} what
   * @param {number} bytes
   */
  function tooLarge(what, bytes) {
    return new Refused(
      'result_too_large',
      `${what} ${formatBytes(bytes)}, more than the ${formatBytes(maxResultBytes)} one result may carry.`,
    );
  }

  /**
   * @param {import('better-sqlite3').Statement} stmt
   * @param {unknown} params
   * @param {number} limit
   */
  function write(stmt, params, limit) {
    const versionBefore = schemaVersion();
    let columns = /** @type {string[]} */ ([]);
    const rows = /** @type {Cell[][]} */ ([]);
    let more = false;
    let stoppedAtBytes = false;
    let cellsCut = 0;
    let changes;
    let lastInsertRowid = null;
    if (stmt.reader) {
      // RETURNING: every row must be stepped for the write to complete; only those that fit the
      // row and byte caps are kept. The write has happened by then, so nothing is refused.
      columns = stmt.columns().map((c) => c.name);
      let left = maxResultBytes - headerBytes(columns);
      for (const raw of bind(stmt.raw(true), params, (s, p) => s.iterate(...p))) {
        if (more) continue;
        if (rows.length === limit) {
          more = true;
          continue;
        }
        const { row, bytes, cut } = cells.row(/** @type {unknown[]} */ (raw));
        if (bytes > left) {
          more = true;
          stoppedAtBytes = true;
          continue;
        }
        left -= bytes;
        cellsCut += cut;
        rows.push(row);
      }
      changes = Number(db.prepare('SELECT changes()').pluck().get());
    } else {
      const info = bind(stmt, params, (s, p) => s.run(...p));
      changes = info.changes;
      lastInsertRowid = cells.cell(info.lastInsertRowid);
    }
    // BEGIN IMMEDIATE/EXCLUSIVE are writes to SQLite, but an open transaction would hold the write
    // lock between calls. Each call is its own transaction.
    if (db.inTransaction) {
      db.exec('ROLLBACK');
      throw new Refused('transaction');
    }
    const version = schemaVersion();
    return {
      columns,
      rows,
      more,
      cellsCut,
      stoppedAtBytes,
      changes,
      lastInsertRowid,
      schemaVersion: version,
      schemaChanged: version !== versionBefore,
      created: [],
    };
  }

  /**
   * Runs the statement in a transaction and keeps it only if its sole effect on the schema is new
   * tables: the database decides what the statement did, not a reading of its text.
   * @param {import('better-sqlite3').Statement} stmt
   * @param {unknown} params
   */
  function createTable(stmt, params) {
    const before = schemaSnapshot();
    const changesBefore = totalChanges();
    db.exec('BEGIN IMMEDIATE');
    bind(stmt, params, (s, p) => s.run(...p));
    const after = schemaSnapshot();
    const created = [];
    let other = false;
    for (const [name, entry] of after) {
      const old = before.get(name);
      if (!old) {
        if (entry.type === 'table') created.push(name);
        // Automatic indexes of a new table (UNIQUE, PRIMARY KEY) have no SQL of their own.
        else if (!(entry.type === 'index' && entry.sql === null)) other = true;
      } else if (old.type !== entry.type || old.sql !== entry.sql) other = true;
    }
    for (const name of before.keys()) if (!after.has(name)) other = true;
    if (other || (created.length === 0 && totalChanges() !== changesBefore)) {
      db.exec('ROLLBACK');
      throw new Refused('not_create_table');
    }
    db.exec(created.length > 0 ? 'COMMIT' : 'ROLLBACK');
    return {
      columns: [],
      rows: [],
      more: false,
      cellsCut: 0,
      stoppedAtBytes: false,
      changes: 0,
      lastInsertRowid: null,
      schemaVersion: schemaVersion(),
      schemaChanged: created.length > 0,
      created,
    };
  }

  function schemaSnapshot() {
    const rows = /** @type {Array<{type: string, name: string, sql: string | null}>} */ (
      db.prepare('SELECT type, name, sql FROM sqlite_schema').all()
    );
    return new Map(rows.map((r) => [r.name, r]));
  }

  const totalChanges = () => Number(db.prepare('SELECT total_changes()').pluck().get());
  const schemaVersion = () => Number(db.pragma('schema_version', { simple: true }));

  /**
   * Our own introspection SQL, rows as objects: cells cut like any others, and the whole answer
   * held to the byte cap (a schema of many huge CREATE statements must not flood the server).
   * @param {string} sql
   * @param {unknown} params
   */
  function introspect(sql, params) {
    const rows = [];
    let left = maxResultBytes;
    for (const raw of bind(db.prepare(sql), params, (s, p) => s.iterate(...p))) {
      const row = /** @type {Record<string, Cell>} */ ({});
      for (const [key, value] of Object.entries(/** @type {object} */ (raw))) row[key] = cells.cell(value);
      left -= Buffer.byteLength(JSON.stringify(row));
      if (left < 0) throw tooLarge('This answer takes', maxResultBytes - left);
      rows.push(row);
    }
    return rows;
  }

  return { readRows, write, createTable, introspect };
}
