// @ts-check
/**
 * What a statement's compiled program says, read from `EXPLAIN` on a connection where compiling
 * cannot act (the classifier, see runner.js): checks a write must pass, and what it would destroy.
 */
import { bind, Refused } from './statements.js';

/**
 * Inspects the compiled program. Security: VACUUM INTO writes a copy of the database to any path
 * (P2 of the Vacuum opcode holds the target), which would escape the one file we serve.
 * @param {import('better-sqlite3').Database} connection
 * @param {string} sql
 * @param {unknown} params
 */
export function checkProgram(connection, sql, params) {
  let explain;
  try {
    explain = connection.prepare(`EXPLAIN ${sql}`);
  } catch {
    // Prefixing EXPLAIN only fails when the statement already is an EXPLAIN: nothing to run.
    throw new Refused('explain');
  }
  // The same parameters bind (EXPLAIN needs every placeholder filled) but nothing is executed.
  const program = /** @type {unknown[][]} */ (bind(explain.raw(true), params, (s, p) => s.all(...p)));
  for (const op of program) {
    if (op[1] === 'Vacuum' && Number(op[3]) !== 0) throw new Refused('vacuum_into');
    // Security: Transaction P1 is the schema (0 main, 1 temp, 2 and up attached), P2 non-zero a
    // write transaction. Any change to an attached database needs one, whatever the SQL says.
    if (op[1] === 'Transaction' && Number(op[2]) >= 2 && Number(op[3]) !== 0) {
      throw new Refused('attached_write');
    }
  }
}

/**
 * What a statement would destroy, as the engine compiled it rather than as its text reads: a
 * REPLACE that deletes conflicting rows or an UPDATE that moves a rowid shows the same Delete
 * opcode as a DELETE. An ALTER re-reads the whole schema (ParseSchema without a filter), where
 * a CREATE adds its own entry. Invalid or read-only SQL has no impact: running it says why.
 * @param {import('better-sqlite3').Database} classifier
 * @param {string} sql
 * @param {unknown} params
 */
export function impactOf(classifier, sql, params) {
  let program;
  try {
    if (classifier.prepare(sql).readonly) return [];
    program = /** @type {unknown[][]} */ (
      bind(classifier.prepare(`EXPLAIN ${sql}`).raw(true), params, (s, p) => s.all(...p))
    );
  } catch {
    return [];
  }
  const found = new Set();
  for (const [, opcode, , , , p4] of program) {
    if (opcode === 'DropTable' || opcode === 'DropIndex' || opcode === 'DropTrigger') found.add('drop');
    else if (opcode === 'ParseSchema' && p4 === null) found.add('alter');
    // Clearing a named table is DELETE without WHERE; REINDEX clears unnamed index pages.
    else if (opcode === 'Delete' || (opcode === 'Clear' && p4 !== null)) found.add('delete');
  }
  // Dropping a table deletes its schema row too; the drop is what matters.
  if (found.has('drop')) found.delete('delete');
  return [...found];
}
