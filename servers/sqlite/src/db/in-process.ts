import { statSync } from 'node:fs';
import type { Logger } from '@refmcp/core';
import type BetterSqlite3 from 'better-sqlite3';
import { cellMaker, headerBytes } from './cells.js';
import type { Cell, Params, ReadResult } from './protocol.js';
import { bind } from './statements.js';
import { boundedReads, type Instruction } from './straight-line.js';

/**
 * Reads too small to be worth a worker process, answered on the server's own thread.
 *
 * Every statement runs in a worker process so that a timeout can kill it (runner.js says why a
 * thread cannot). For a point lookup that hop is most of the call: four processes wake in turn
 * where an in-process server wakes two. A read runs here instead only when its cost is bounded
 * before it starts, by what SQLite compiled (straight-line.ts: each instruction at most once, no
 * functions, no loops) and by the data: each cell it reads is at most the database's largest
 * record, which a worker measures (`dbstat`) and which holds until another connection commits
 * (`PRAGMA data_version`, read in the same transaction as the statement). Reads whose worst case
 * is over READ_BUDGET_BYTES, and anything that fails here for any reason, go to the workers,
 * which give the answer or the error they always gave.
 */

/** The most bytes of cells one in-process read may touch, worst case: ~10 ms of copying. */
const READ_BUDGET_BYTES = 8 * 1024 * 1024;
/** Longer SQL is not compiled here: compiling is linear in the text, but not free. */
const MAX_SQL_CHARS = 2000;
/** Bigger files are not measured: `dbstat` reads every page. */
const MAX_MEASURED_FILE_BYTES = 256 * 1024 * 1024;
/**
 * Between two measurements of a database that keeps changing: 5 s, or 20 times what the last one
 * took, so that measuring never takes more than 5% of a worker's time.
 */
const MEASURE_INTERVAL_MS = 5000;
const MEASURE_DUTY = 20;
const STATEMENT_CACHE = 64;
/**
 * Compile-time PRAGMAs change the connection that compiles them (runner.js), and only a query
 * can be bounded: nothing but these statements is compiled here, even to be classified.
 */
const QUERY_START = /^\s*(SELECT|WITH|VALUES)\b/i;

export interface InProcessOptions {
  file: string;
  maxCellBytes: number;
  maxResultBytes: number;
  logger: Logger;
  /** Asks a worker for the database's largest record payload, in bytes. */
  measure: () => Promise<number>;
}

interface Compiled {
  /** In raw mode: rows come as arrays. */
  stmt: BetterSqlite3.Statement;
  columns: string[];
  schemaVersion: number;
  /** Cell reads in the program; undefined when it is not bounded. */
  reads: number | undefined;
}

interface Connection {
  db: BetterSqlite3.Database;
  begin: BetterSqlite3.Statement;
  commit: BetterSqlite3.Statement;
  schemaVersion: BetterSqlite3.Statement;
  dataVersion: BetterSqlite3.Statement;
  cells: ReturnType<typeof cellMaker>;
}

export class InProcessReads {
  private connection: Connection | undefined;
  private opening = false;
  private disabled = false;
  private readonly compiled = new Map<string, Compiled>();
  /** The largest record, valid while this connection's data_version is `dataVersion`. */
  private largest: { dataVersion: number; bytes: number } | undefined;
  private measuring = false;
  private nextMeasure = 0;
  private served = 0;

  constructor(private readonly options: InProcessOptions) {}

  /** The rows, or undefined when this read must go to a worker. Never throws. */
  tryRead(sql: string, params: Params, offset: number, limit: number): ReadResult | undefined {
    if (this.disabled || sql.length > MAX_SQL_CHARS || !QUERY_START.test(sql)) return undefined;
    // Function calls, subqueries, IN lists and CTEs all need a parenthesis, and almost none of them
    // compiles to a bounded program: the main thread does not compile them twice for nothing, and
    // a server that only runs such statements never opens this connection.
    if (sql.includes('(')) return undefined;
    const c = this.connection;
    if (!c) {
      void this.open();
      return undefined;
    }
    try {
      c.begin.run();
      try {
        // The read transaction starts here: schema and data stay as read until the commit.
        const schemaVersion = Number(c.schemaVersion.get());
        const dataVersion = Number(c.dataVersion.get());
        const compiled = this.compile(c, sql, params, schemaVersion);
        if (compiled.reads === undefined) return undefined;
        if (this.largest?.dataVersion !== dataVersion) {
          this.measure(dataVersion);
          return undefined;
        }
        if (this.largest.bytes * Math.max(1, compiled.reads) > READ_BUDGET_BYTES) return undefined;
        const result = this.rowsOf(c, compiled, params, offset, limit);
        if (result) this.served++;
        return result;
      } finally {
        c.commit.run();
      }
    } catch (error) {
      if (c.db.inTransaction) c.db.exec('ROLLBACK');
      // SQLITE_BUSY (a writer holds the file: workers wait, this thread must not), a bad
      // statement, a result over the cap: the worker answers as it always did.
      this.options.logger.debug('in-process read declined', { error: String(error) });
      return undefined;
    }
  }

  /** Reads answered here, and the last measured largest record (bytes), for logs and tests. */
  stats(): { served: number; largestRecordBytes: number | undefined } {
    return { served: this.served, largestRecordBytes: this.largest?.bytes };
  }

  close(): void {
    this.disabled = true;
    this.connection?.db.close();
    this.connection = undefined;
  }

  private compile(c: Connection, sql: string, params: Params, schemaVersion: number): Compiled {
    const cached = this.compiled.get(sql);
    if (cached && cached.schemaVersion === schemaVersion) return cached;
    const stmt = c.db.prepare(sql);
    let columns: string[] = [];
    let reads: number | undefined;
    if (stmt.readonly && stmt.reader) {
      const explain = c.db.prepare(`EXPLAIN ${sql}`).raw(true);
      // Binding is needed to step EXPLAIN; the program does not depend on the values.
      reads = boundedReads(bind(explain, params, (s, p) => s.all(...p)) as Instruction[]);
      columns = stmt.columns().map((column) => column.name);
      stmt.raw(true);
    }
    const entry = { stmt, columns, schemaVersion, reads };
    this.compiled.delete(sql);
    this.compiled.set(sql, entry);
    if (this.compiled.size > STATEMENT_CACHE) this.compiled.delete(this.compiled.keys().next().value!);
    return entry;
  }

  /**
   * The page the worker would send (runner.js readRows), or undefined to let the worker answer
   * one over the byte cap, whose partial page and error it words. A bounded program returns at
   * most one row per ResultRow instruction, so all of them are read at once.
   */
  private rowsOf(
    c: Connection,
    compiled: Compiled,
    params: Params,
    offset: number,
    limit: number,
  ): ReadResult | undefined {
    const all = bind(compiled.stmt, params, (s, p) => s.all(...p)) as unknown[][];
    const rows: Cell[][] = [];
    let left = this.options.maxResultBytes - headerBytes(compiled.columns);
    let cellsCut = 0;
    for (const raw of all.slice(offset, offset + limit)) {
      const { row, bytes, cut } = c.cells.row(raw);
      left -= bytes;
      if (left < 0) return undefined;
      cellsCut += cut;
      rows.push(row);
    }
    return {
      columns: compiled.columns,
      rows,
      more: all.length > offset + limit,
      cellsCut,
      stoppedAtBytes: false,
    };
  }

  /** Asks a worker for the largest record; the answer holds for the data_version read before. */
  private measure(dataVersion: number): void {
    if (this.measuring || Date.now() < this.nextMeasure) return;
    try {
      if (statSync(this.options.file).size > MAX_MEASURED_FILE_BYTES) return;
    } catch {
      return;
    }
    this.measuring = true;
    const started = Date.now();
    this.options
      .measure()
      .then(
        (bytes) => {
          this.largest = { dataVersion, bytes };
        },
        (error) => this.options.logger.debug('largest record not measured', { error: String(error) }),
      )
      .finally(() => {
        this.measuring = false;
        const took = Date.now() - started;
        this.nextMeasure = Date.now() + Math.max(MEASURE_INTERVAL_MS, MEASURE_DUTY * took);
      });
  }

  private async open(): Promise<void> {
    if (this.opening) return;
    this.opening = true;
    try {
      const { default: Database } = await import('better-sqlite3');
      // Security: read-only twice over, as the reader workers are.
      const db = new Database(this.options.file, { readonly: true, fileMustExist: true });
      db.pragma('query_only = ON');
      // This thread never waits for a lock: a busy database is the workers' to wait on.
      db.pragma('busy_timeout = 0');
      db.defaultSafeIntegers(true);
      if (this.disabled) {
        db.close();
        return;
      }
      this.connection = {
        db,
        begin: db.prepare('BEGIN'),
        commit: db.prepare('COMMIT'),
        schemaVersion: db.prepare('PRAGMA schema_version').pluck(),
        dataVersion: db.prepare('PRAGMA data_version').pluck(),
        cells: cellMaker(this.options.maxCellBytes),
      };
    } catch (error) {
      this.disabled = true;
      this.options.logger.debug('in-process reads unavailable', { error: String(error) });
    }
  }
}
