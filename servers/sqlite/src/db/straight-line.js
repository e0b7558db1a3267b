// @ts-check
/**
 * Whether a compiled read statement is bounded by construction: a program SQLite produced (read
 * from `EXPLAIN`, never from the SQL text) in which every instruction runs at most once and none
 * does more than a fixed amount of work per byte it reads. Such a program opens its cursors, seeks
 * each one to at most one row and reads that row's cells: its cost is a few B-tree descents plus
 * the bytes of the cells it reads, whatever the table sizes. Anything else (a loop, a sort, a
 * function, a virtual table, a subroutine, a count over a whole B-tree) is unbounded or not worth
 * proving bounded, and runs in a worker process as every statement did before.
 */

/** @typedef {unknown[]} Instruction One row of `EXPLAIN <sql>` in raw mode: addr, opcode, p1, p2, p3, p4, p5, comment. */
/**
 * @typedef {object} Bounded
 * @property {number} instructions how many instructions the program has
 * @property {number} cellReads how many records it may read, each at most the largest one: a
 *   Column reads one cell; a seek compares keys along a B-tree descent, counted as SEEK_READS
 */

/** Key comparisons in one B-tree descent, generously: log2 of 10^12 entries. */
const SEEK_READS = 40;
/** Longer programs are not bounded enough to run on the server's thread, nor to compile there. */
const MAX_INSTRUCTIONS = 200;

/** Allowed opcodes whose P2 is an address to jump to (not a register). */
const JUMPS_AT_P2 = new Set([
  'Init',
  'Goto',
  'MustBeInt',
  'IsNull',
  'NotNull',
  'Eq',
  'Ne',
  'Lt',
  'Le',
  'Gt',
  'Ge',
  'If',
  'IfNot',
  'SeekRowid',
  'NotExists',
  'SeekGE',
  'SeekGT',
  'SeekLE',
  'SeekLT',
  'IdxGE',
  'IdxGT',
  'IdxLE',
  'IdxLT',
  'Rewind',
  'Last',
]);

/**
 * Opcodes allowed in a bounded program, each constant work or work proportional to the bytes of
 * one cell or one bound parameter. `Function`, `Concat`, `Count`, `Next`, `VFilter`, `Once`,
 * `Gosub`, `OpenEphemeral`, the sorter and every write are not here.
 */
const ALLOWED = new Set([
  ...JUMPS_AT_P2,
  'Halt',
  'Transaction',
  'TableLock',
  'OpenRead',
  'Close',
  'ColumnsUsed',
  'CursorHint',
  'Noop',
  'Explain',
  'Variable',
  'Integer',
  'Int64',
  'Real',
  'String8',
  'String',
  'Null',
  'SoftNull',
  'Blob',
  'Copy',
  'SCopy',
  'IntCopy',
  'Move',
  'Affinity',
  'RealAffinity',
  'IsTrue',
  'Not',
  'And',
  'Or',
  'Add',
  'Subtract',
  'Multiply',
  'Divide',
  'Remainder',
  'IdxRowid',
  'DeferredSeek',
  'FinishSeek',
  'NullRow',
  'Column',
  'Rowid',
  'ResultRow',
]);

/**
 * How SQLite lays out every program: `Init` at 0 jumps to a prologue at the end (transactions,
 * constants), which ends with `Goto 1` back into the body; the body ends with `Halt`. This accepts
 * a program only in that shape with every other jump going forward inside the body, so each
 * instruction runs at most once. Undefined when the program is not bounded.
 * @param {readonly Instruction[]} program
 * @returns {Bounded | undefined}
 */
export function boundedProgram(program) {
  /** @param {number} at */
  const opcode = (at) => String(program[at]?.[1]);
  /** @param {number} at */
  const p2 = (at) => Number(program[at]?.[3]);
  if (program.length < 3 || program.length > MAX_INSTRUCTIONS || opcode(0) !== 'Init') return undefined;
  const prologue = p2(0);
  const last = program.length - 1;
  // The body ends with Halt just before the prologue; the prologue ends with its jump back.
  if (prologue <= 1 || prologue > last || opcode(prologue - 1) !== 'Halt') return undefined;
  if (opcode(last) !== 'Goto' || p2(last) !== 1) return undefined;
  let cellReads = 0;
  for (let at = 1; at < last; at++) {
    const name = opcode(at);
    if (!ALLOWED.has(name) || Number(program[at]?.[0]) !== at) return undefined;
    if (name === 'Column') cellReads++;
    else if (name.startsWith('Idx') || name.startsWith('Seek') || name === 'NotExists')
      cellReads += SEEK_READS;
    if (!JUMPS_AT_P2.has(name)) continue;
    const target = p2(at);
    // MustBeInt with P2 = 0 raises an error instead of jumping.
    if (name === 'MustBeInt' && target === 0) continue;
    // Forward, and inside the body: the prologue runs once, entered from Init only.
    if (at >= prologue || !(target > at && target < prologue)) return undefined;
  }
  return { instructions: program.length, cellReads };
}

/**
 * Statements worth classifying: only a query can be bounded, and compiling a PRAGMA can change
 * the connection that compiles it (runner.js). Function calls, subqueries, IN lists and CTEs all
 * need a parenthesis and almost never compile to a bounded program.
 * @param {string} sql
 */
export function mayBeBounded(sql) {
  return sql.length <= 2000 && /^\s*(SELECT|WITH|VALUES)\b/i.test(sql) && !sql.includes('(');
}
