// @ts-check
/**
 * A database worker process: one better-sqlite3 connection, one statement at a time, driven over
 * the IPC channel by src/db/pool.ts.
 *
 * Why a process and not a worker thread: better-sqlite3 runs a statement inside one native call,
 * and `worker.terminate()` only takes effect when control returns to JavaScript, so a runaway
 * `count(*)` over a recursive CTE keeps a terminated thread busy until it finishes (measured: a
 * 300M-row count ran 98 s after terminate()). SQLite's interrupt and progress-handler APIs are not
 * exposed by better-sqlite3. Killing a process stops the statement at once, the operating system
 * releases its file locks, and SQLite's journal rolls back any half-done write.
 *
 * Why plain JavaScript: Node 20 cannot run TypeScript, and both the built package (dist/db/) and
 * the tests (src/db/, run by vitest) must start this exact file with `fork()`. `tsc` type-checks
 * it through JSDoc (allowJs + checkJs) and copies it to dist unchanged.
 */
import Database from 'better-sqlite3';
import { cellMaker } from './cells.js';
import { watchForOrphaning } from './orphan-watch.js';
import { checkProgram, impactOf } from './program.js';
import { describe, packRows } from './reply.js';
import { bind, Refused, statementsOn } from './statements.js';
import { boundedProgram } from './straight-line.js';

/** @typedef {import('./protocol.js').RunnerOptions} RunnerOptions */
/** @typedef {import('./protocol.js').RunnerRequest} RunnerRequest */
/** @typedef {import('./protocol.js').Cell} Cell */
/** @typedef {import('./protocol.js').Refusal} Refusal */

/**
 * Connection settings a read-only statement can change while still returning a row
 * (`PRAGMA locking_mode = EXCLUSIVE` would make this reader hold its lock and block every writer;
 * `PRAGMA busy_timeout = 0` or a heap limit would break later reads). Readers are pooled, so each
 * is put back after every read; the writer never runs such statements (write_query refuses them).
 */
const SETTINGS = [
  'busy_timeout',
  'locking_mode',
  'mmap_size',
  'threads',
  'analysis_limit',
  'hard_heap_limit',
  'soft_heap_limit',
];
/** @type {Array<() => void>} */
let restorers = [];

/** @type {RunnerOptions} */
const options = JSON.parse(process.argv[2] ?? '{}');
/** @type {import('better-sqlite3').Database} */
let db;
/**
 * A second, read-only connection to the same file where statements are compiled first. Security:
 * some PRAGMAs act while they compile (`PRAGMA foreign_keys = OFF`, `ignore_check_constraints`),
 * so a statement is classified — and refused — here, where compiling it cannot change the
 * connection that writes. Only a statement that passes is prepared on `db`.
 * @type {import('better-sqlite3').Database}
 */
let classifier;
try {
  // Security: readers open the file read-only, so no statement they run can change it, whatever
  // SQLite's per-statement classification says. query_only adds a second engine-level refusal.
  db = new Database(options.file, { readonly: options.role === 'reader', fileMustExist: true });
  db.pragma(`busy_timeout = ${Number(options.busyTimeoutMs) | 0}`);
  if (options.role === 'reader') db.pragma('query_only = ON');
  db.defaultSafeIntegers(true);
  classifier = new Database(options.file, { readonly: true, fileMustExist: true });
  classifier.pragma(`busy_timeout = ${Number(options.busyTimeoutMs) | 0}`);
  classifier.pragma('query_only = ON');
  attachAll();
  snapshotSettings();
  send({ ready: true });
} catch (error) {
  send({ fatal: describe(error) });
  process.exit(1);
}

/** Long text cut to the cell cap, in every answer. */
const cells = cellMaker(options.maxCellBytes);
const { readRows, write, createTable, introspect } = statementsOn(db, cells, options.maxResultBytes);
watchForOrphaning(options.lifelineFd);

/**
 * Set when a batch compiled a statement on the writing connection that turned out not to be a
 * write: compiling some PRAGMAs changes the connection (see `classifier`), so this process answers
 * and then exits, and the next statement gets a fresh connection.
 */
let retire = false;

// One request at a time (the pool sends the next only after this answer), so awaiting is safe.
process.on('message', async (/** @type {RunnerRequest} */ request) => {
  /** @type {import('./protocol.js').RunnerResponse} */
  let reply;
  try {
    reply = {
      id: request.id,
      ok: true,
      result: packRows(await handle(request), request.op === 'query' && request.encoded),
    };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    reply = { id: request.id, ok: false, error: describe(error) };
  } finally {
    restoreSettings();
  }
  if (!retire) send(reply);
  // The server marks this process as gone on reading `retire`, so nothing new is sent to it.
  else process.send?.({ ...reply, retire: true }, () => process.exit(0));
});
// The server went away (exited, crashed or was killed): nothing left to answer.
process.on('disconnect', () => process.exit(0));

/**
 * The CSV and JSON file code, loaded by the first import or export (the module cache keeps it):
 * most workers never run one, and the CSV libraries cost 3 MB of RSS in every worker process.
 */
const fileIo = () => import('./io.js');

/** @param {RunnerRequest} request */
async function handle(request) {
  if (request.op === 'all') return { rows: introspect(request.sql, request.params) };
  if (request.op === 'payload') {
    // Reads every page (aggregate: one row per table and index): bounded by the file's size.
    const largest = db.prepare("SELECT max(mx_payload) FROM dbstat('main', 1)").pluck().get();
    return { maxPayload: Number(largest ?? 0) };
  }
  if (request.op === 'plan') {
    // A plan runs nothing, so it is read on the classifier, where compiling cannot act either.
    classifier.prepare(request.sql); // one statement, valid SQL: otherwise the error names the real problem
    const plan = classifier.prepare(`EXPLAIN QUERY PLAN ${request.sql}`);
    const rows = /** @type {Array<Record<string, unknown>>} */ (
      bind(plan, request.params, (s, p) => s.all(...p))
    );
    return {
      rows: rows.map((r) => ({
        id: cells.cell(r.id),
        parent: cells.cell(r.parent),
        detail: cells.cell(r.detail),
      })),
    };
  }
  if (request.op === 'impact') return { impact: impactOf(classifier, request.sql, request.params) };
  if (request.op === 'batch') return runBatch(request.statements);
  if (request.op === 'import') {
    if (options.role === 'reader') throw new Refused('not_read_only');
    db.pragma('schema_version', { simple: true });
    const { importFile } = await fileIo();
    return importFile(db, request);
  }
  if (request.op === 'export') {
    const probe = classifier.prepare(request.sql);
    if (!probe.readonly) throw new Refused('not_read_only');
    if (!probe.reader) throw new Refused('returns_no_rows');
    const { exportRows } = await fileIo();
    return exportRows(db.prepare(request.sql), request.params, request, (s, p) =>
      bind(s.raw(true), p, (r, args) => /** @type {Iterable<unknown[]>} */ (r.iterate(...args))),
    );
  }
  // A read on the writing connection first: it rolls back a hot journal left by a writer that was
  // killed mid-statement (a timeout), which the read-only classifier could not do.
  if (options.role !== 'reader') db.pragma('schema_version', { simple: true });
  // better-sqlite3 refuses a string holding more than one statement at prepare time.
  const probe = classifier.prepare(request.sql);
  if (request.mode === 'read') {
    // Security: classification comes from SQLite (sqlite3_stmt_readonly), never from the text.
    if (!probe.readonly) throw new Refused('not_read_only');
    // ATTACH, DETACH, BEGIN and connection-setting PRAGMAs are "read-only" to SQLite but return no
    // rows; none of them is a query, and ATTACH would open files other than ours.
    if (!probe.reader) throw new Refused('returns_no_rows');
    const stmt = db.prepare(request.sql);
    const id = request.id;
    // Encoded reads (read_query): runs of rows go to the server while the next run is read.
    const onBatch = request.encoded
      ? (/** @type {Cell[][]} */ rows, /** @type {import('./protocol.js').RunView} */ view) =>
          send({ id, part: JSON.stringify(rows), view })
      : undefined;
    const result = readRows(stmt, request.params, request.offset, request.limit, onBatch);
    return request.classify ? { ...result, verdict: verdictOf(request.sql, request.params) } : result;
  }
  // Security: the same engine-level flag, the other way round. ATTACH and DETACH are "read-only"
  // to SQLite, so they are refused here too: no statement may reach a file other than ours.
  if (probe.readonly) throw new Refused('not_a_write');
  checkProgram(classifier, request.sql, request.params);
  const stmt = db.prepare(request.sql);
  return request.mode === 'create_table'
    ? createTable(stmt, request.params)
    : write(stmt, request.params, request.limit);
}

/**
 * Whether the server may answer this statement itself (see in-process.ts): its compiled program,
 * read here where compiling is bounded by the query timeout, and the schema version it holds for.
 * One read transaction, so that both describe the same schema.
 * @param {string} sql
 * @param {unknown} params
 */
function verdictOf(sql, params) {
  try {
    classifier.exec('BEGIN');
    const schemaVersion = Number(classifier.pragma('schema_version', { simple: true }));
    const explain = classifier.prepare(`EXPLAIN ${sql}`).raw(true);
    const program = /** @type {unknown[][]} */ (bind(explain, params, (s, p) => s.all(...p)));
    return { schemaVersion, bounded: boundedProgram(program) !== undefined };
  } catch {
    // The rows are the answer; without a verdict the statement simply stays with the workers.
    return undefined;
  } finally {
    if (classifier.inTransaction) classifier.exec('COMMIT');
  }
}

/**
 * The databases the operator listed with --attach, under their names, on both connections. The
 * file name is bound, never spliced into SQL; the name was checked to be an identifier. On a
 * reader (opened read-only) they are read-only like the main file. better-sqlite3 opens without
 * URI filenames, so `?mode=ro` is not available and the writer attaches them read-write: every
 * write is checked against its compiled program instead (checkProgram), where a write to an
 * attached database cannot hide.
 */
function attachAll() {
  for (const { name, file } of options.attach ?? []) {
    for (const connection of [db, classifier]) {
      connection.prepare(`ATTACH DATABASE ? AS "${name.replace(/"/g, '""')}"`).run(file);
    }
  }
}

/** Both connections: a compile-time PRAGMA on the classifier (locking_mode) must not stay either. */
function snapshotSettings() {
  restorers = [db, classifier].flatMap((connection) =>
    SETTINGS.map((name) => {
      const value = connection.pragma(name, { simple: true });
      const restore = connection.prepare(
        `PRAGMA ${name} = ${typeof value === 'string' ? value : Number(value)}`,
      );
      return () => restore.get();
    }),
  );
}

function restoreSettings() {
  for (const restore of restorers) restore();
}

/**
 * Runs write statements in one transaction: each is checked like write_query's (a write, no
 * VACUUM INTO, no write to an attached database, no transaction control) and the first failure
 * rolls back every one (the message handler does the ROLLBACK). Statements are compiled on the
 * writing connection, not the classifier: a later statement may use a table an earlier one
 * created, which only this connection's open transaction can see.
 * @param {Array<{ sql: string, params: unknown }>} statements
 */
function runBatch(statements) {
  // Rolls back a hot journal left by a killed writer, as for any write.
  const versionBefore = Number(db.pragma('schema_version', { simple: true }));
  db.exec('BEGIN IMMEDIATE');
  const results = [];
  for (const [index, { sql, params }] of statements.entries()) {
    try {
      const stmt = db.prepare(sql);
      if (stmt.readonly) {
        retire = true;
        throw new Refused('not_a_write');
      }
      checkProgram(db, sql, params);
      let changes;
      let lastInsertRowid = null;
      if (stmt.reader) {
        // RETURNING: every row must be stepped for the write to complete; the rows are not kept.
        for (const _ of bind(stmt.raw(true), params, (s, p) => s.iterate(...p)));
        changes = Number(db.prepare('SELECT changes()').pluck().get());
      } else {
        const info = bind(stmt, params, (s, p) => s.run(...p));
        changes = info.changes;
        lastInsertRowid = cells.cell(info.lastInsertRowid);
      }
      // COMMIT, ROLLBACK or RELEASE inside the batch would end it early.
      if (!db.inTransaction) throw new Refused('transaction');
      results.push({ changes, lastInsertRowid });
    } catch (error) {
      throw Object.assign(/** @type {object} */ (error), { batchIndex: index });
    }
  }
  db.exec('COMMIT');
  const version = Number(db.pragma('schema_version', { simple: true }));
  return { results, schemaVersion: version, schemaChanged: version !== versionBefore };
}

/** @param {import('./protocol.js').RunnerResponse} message */
function send(message) {
  process.send?.(message);
}
