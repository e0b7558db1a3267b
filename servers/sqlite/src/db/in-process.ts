import { statSync } from 'node:fs';
import type { Logger } from '@refmcp/core';
import type BetterSqlite3 from 'better-sqlite3';
import { cellMaker, headerBytes } from './cells.js';
import type { Cell, Params, ReadResult, Verdict } from './protocol.js';
import { bind } from './statements.js';
import { boundedProgram, type Instruction, mayBeBounded } from './straight-line.js';

/**
 * Reads too small to be worth a worker process, answered on the server's own thread.
 *
 * Every statement runs in a worker process so that a timeout can kill it (runner.js says why a
 * thread cannot). For a point lookup that hop is most of the call: four processes wake in turn
 * where an in-process server wakes two. A read runs here instead only when its cost is bounded
 * before it starts:
 * - by what SQLite compiled (straight-line.js: each instruction at most once, no functions, no
 *   loops, at most 200 instructions). A worker classifies a statement first, where compiling it
 *   is itself bounded by the query timeout (a chain of views can make compiling exponential);
 *   only a statement it found bounded at the current schema version is compiled here, and its
 *   program is read again with each call's parameters (with STAT4, bindings can change the plan);
 * - by the data: each cell it reads is at most the database's largest record, which a worker
 *   measures (`dbstat`) and which holds until another connection commits (`PRAGMA data_version`,
 *   read in the same transaction as the statement), and each instruction touches at most the
 *   bound parameters' bytes.
 * Reads whose worst case is over READ_BUDGET_BYTES, and anything that fails here for any reason,
 * go to the workers, which give the answer or the error they always gave.
 */

/** The most bytes one in-process read may touch, worst case: ~10 ms of copying. */
const READ_BUDGET_BYTES = 8 * 1024 * 1024;
/** Bigger files are not measured: `dbstat` reads every page. */
const MAX_MEASURED_FILE_BYTES = 256 * 1024 * 1024;
/**
 * Between two measurements of a database that keeps changing: 5 s, or 20 times what the last one
 * took, so that measuring never takes more than 5% of a worker's time.
 */
const MEASURE_INTERVAL_MS = 5000;
const MEASURE_DUTY = 20;
const STATEMENT_CACHE = 64;

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
  explain: BetterSqlite3.Statement;
  columns: string[];
  /** What the column names count against the result cap. */
  headerBytes: number;
  schemaVersion: number;
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
  /** What the workers said of each statement (most recent last). */
  private readonly verdicts = new Map<string, Verdict>();
  /** The schema version this connection last saw. */
  private schemaVersion: number | undefined;
  /** The largest record, valid while this connection's data_version is `dataVersion`. */
  private largest: { dataVersion: number; bytes: number } | undefined;
  private measuring = false;
  private nextMeasure = 0;
  private served = 0;

  constructor(private readonly options: InProcessOptions) {}

  /** Whether the worker running this read should also classify it (see `learn`). */
  wantsVerdict(sql: string): boolean {
    if (this.disabled || !mayBeBounded(sql)) return false;
    const known = this.verdicts.get(sql);
    return known === undefined || known.schemaVersion !== this.schemaVersion;
  }

  /** A worker's classification of a statement (runner.js, verdictOf). */
  learn(sql: string, verdict: Verdict): void {
    remember(this.verdicts, sql, verdict);
    this.schemaVersion = verdict.schemaVersion;
    // The connection opens once a statement is worth it: never, on a server of scans and calls.
    if (verdict.bounded && !this.connection) void this.open();
  }

  /** The rows, or undefined when this read must go to a worker. Never throws. */
  tryRead(sql: string, params: Params, offset: number, limit: number): ReadResult | undefined {
    const verdict = this.verdicts.get(sql);
    const c = this.connection;
    if (this.disabled || !c || !verdict?.bounded) return undefined;
    try {
      c.begin.run();
      try {
        // The read transaction starts here: schema and data stay as read until the commit.
        const schemaVersion = Number(c.schemaVersion.get());
        this.schemaVersion = schemaVersion;
        if (verdict.schemaVersion !== schemaVersion) return undefined;
        const dataVersion = Number(c.dataVersion.get());
        if (this.largest?.dataVersion !== dataVersion) {
          this.measure(dataVersion);
          return undefined;
        }
        const compiled = this.compile(c, sql, schemaVersion);
        const program = bind(compiled.explain, params, (s, p) => s.all(...p)) as Instruction[];
        const bounded = boundedProgram(program);
        if (!bounded) return undefined;
        const worst = bounded.cellReads * this.largest.bytes + bounded.instructions * paramBytes(params);
        if (worst > READ_BUDGET_BYTES) return undefined;
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

  /**
   * Reads answered here, statements compiled here, and the last measured largest record (bytes),
   * for logs and tests.
   */
  stats(): { served: number; compiled: number; largestRecordBytes: number | undefined } {
    return { served: this.served, compiled: this.compiled.size, largestRecordBytes: this.largest?.bytes };
  }

  close(): void {
    this.disabled = true;
    this.connection?.db.close();
    this.connection = undefined;
  }

  private compile(c: Connection, sql: string, schemaVersion: number): Compiled {
    const cached = this.compiled.get(sql);
    if (cached && cached.schemaVersion === schemaVersion) return cached;
    const stmt = c.db.prepare(sql);
    if (!stmt.readonly || !stmt.reader) throw new Error('not a read that returns rows');
    const columns = stmt.columns().map((column) => column.name);
    const entry = {
      stmt: stmt.raw(true),
      // Plain numbers: a program's operands are small, and BigInts made reading it 30% slower.
      explain: c.db.prepare(`EXPLAIN ${sql}`).raw(true).safeIntegers(false),
      columns,
      headerBytes: headerBytes(columns),
      schemaVersion,
    };
    remember(this.compiled, sql, entry);
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
    let left = this.options.maxResultBytes - compiled.headerBytes;
    // Column names alone over the cap: the worker's refusal says so.
    if (left < 0) return undefined;
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

/** Keeps the most recent STATEMENT_CACHE entries. */
function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
}

/** An upper bound on the bytes of the bound parameters, as SQLite holds them. */
function paramBytes(params: Params): number {
  const values = params === undefined ? [] : Array.isArray(params) ? params : Object.values(params);
  let bytes = 0;
  for (const value of values) {
    if (typeof value === 'string') bytes += value.length * 3;
    else if (value instanceof Uint8Array) bytes += value.byteLength;
    else bytes += 8;
  }
  return bytes;
}
