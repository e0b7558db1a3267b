import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { boundedProgram, type Instruction, mayBeBounded } from './straight-line.js';

// Programs compiled by the real SQLite this server ships with, never written by hand.
const db = new Database(':memory:');
db.exec(`
  CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT UNIQUE, note TEXT, n INTEGER);
  CREATE INDEX t_n ON t(n);
  CREATE TABLE pair (a TEXT, b TEXT, v, PRIMARY KEY (a, b)) WITHOUT ROWID;
  CREATE VIEW first AS SELECT * FROM t WHERE id = 1;
  CREATE VIEW everything AS SELECT * FROM t;
  CREATE TABLE gen (id INTEGER PRIMARY KEY, x TEXT, y TEXT GENERATED ALWAYS AS (upper(x)));
`);
afterAll(() => db.close());

function program(sql: string): Instruction[] {
  const explain = db.prepare(`EXPLAIN ${sql}`).raw(true);
  const placeholders = (sql.match(/\?/g) ?? []).length;
  return explain.all(...Array(placeholders).fill(1)) as Instruction[];
}

describe('boundedProgram', () => {
  it.each([
    ['SELECT * FROM t WHERE id = ?'],
    ['SELECT note FROM t WHERE code = ?'],
    ['SELECT v FROM pair WHERE a = ? AND b = ?'],
    ['SELECT * FROM first'],
    ['WITH one AS (SELECT * FROM t WHERE id = ?) SELECT id + 1, note FROM one'],
    ['SELECT t.note, pair.v FROM t JOIN pair ON pair.a = t.code AND pair.b = t.note WHERE t.id = ?'],
    ["VALUES (1, 2.5, NULL, x'00')"],
    ['SELECT 1'],
  ])('a bounded read: %s', (sql) => {
    expect(boundedProgram(program(sql))).toBeDefined();
  });

  it.each([
    // Loops: a scan, a range, a non-unique index, an IN list, a LIMIT over a scan.
    ['SELECT * FROM t'],
    ['SELECT * FROM everything WHERE note = ?'],
    ['SELECT * FROM t WHERE id > ?'],
    ['SELECT * FROM t WHERE n = ?'],
    ['SELECT * FROM t WHERE id IN (1, 2)'],
    ['SELECT * FROM t ORDER BY id DESC LIMIT 1'],
    ['WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c'],
    // A whole B-tree at once, without a loop in the program.
    ['SELECT count(*) FROM t'],
    // Functions and concatenation make values of any size from small ones.
    ['SELECT hex(zeroblob(20000000))'],
    ['SELECT randomblob(?)'],
    ['SELECT note || note FROM t WHERE id = ?'],
    ['SELECT * FROM t WHERE id = ? AND note LIKE ?'],
    ['SELECT y FROM gen WHERE id = ?'],
    // Subroutines, sorting and virtual tables.
    ['SELECT * FROM t WHERE id = (SELECT id FROM t WHERE code = ?)'],
    ['SELECT max(id) FROM t'],
    ['SELECT * FROM pragma_table_info(?)'],
    ["SELECT * FROM json_each('[1,2,3]')"],
  ])('not bounded: %s', (sql) => {
    expect(boundedProgram(program(sql))).toBeUndefined();
  });

  it('counts the cells a program reads, a seek as a B-tree descent of 40 keys', () => {
    const lookup = program('SELECT id, code, note FROM t WHERE id = ?');
    expect(boundedProgram(lookup)).toEqual({ instructions: lookup.length, cellReads: 2 + 40 });
  });

  it('refuses a program over 200 instructions, however straight', () => {
    const wide = program(`SELECT ${Array(250).fill('?').join(', ')}`);
    expect(wide.length).toBeGreaterThan(200);
    expect(boundedProgram(wide)).toBeUndefined();
  });

  it('refuses a program out of the usual shape: a backward jump, or a prologue entered twice', () => {
    const lookup = program('SELECT * FROM t WHERE id = ?');
    const at = lookup.findIndex((op) => op[1] === 'SeekRowid');
    const backward = lookup.map((op, i) => (i === at ? [...op.slice(0, 3), 1, ...op.slice(4)] : op));
    expect(boundedProgram(backward)).toBeUndefined();
    const prologue = Number(lookup[0]![3]);
    const intoPrologue = lookup.map((op, i) =>
      i === at ? [...op.slice(0, 3), prologue, ...op.slice(4)] : op,
    );
    expect(boundedProgram(intoPrologue)).toBeUndefined();
    expect(boundedProgram(lookup)).toBeDefined();
  });
});

describe('mayBeBounded', () => {
  it.each([
    ['SELECT * FROM t WHERE id = ?', true],
    ['  with x as (select 1) select * from x', false],
    ['select note from t where code = ?', true],
    ['SELECT hex(note) FROM t WHERE id = ?', false],
    ['PRAGMA busy_timeout = 0', false],
    ['/* SELECT */ PRAGMA user_version', false],
    [`SELECT * FROM t WHERE note = '${'x'.repeat(2000)}'`, false],
  ])('%s: %s', (sql, expected) => {
    expect(mayBeBounded(sql)).toBe(expected);
  });
});
