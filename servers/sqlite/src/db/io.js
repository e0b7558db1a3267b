// @ts-check
/**
 * Imports and exports, run inside a database worker process so that the query timeout and
 * cancellation stop them like any statement (the process is killed; an import's transaction rolls
 * back with it). The server checked both paths against the --io-dir sandbox before sending them.
 * Plain JavaScript for the reason runner.js is.
 */
import {
  closeSync,
  createReadStream,
  existsSync,
  linkSync,
  openSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { formatBytes } from './cells.js';
import { Refused } from './statements.js';

/** @typedef {{ maxRows: number, maxColumns: number, maxBytes: number }} IoLimits */

/** One CSV record may not exceed this many characters: a bound on what one line costs. */
const MAX_RECORD_CHARS = 4 * 1024 * 1024;
/** Characters one column name may take in a CSV header, for the header's own, tighter bound. */
const MAX_NAME_CHARS = 256;

/** @param {string} name */
const quote = (name) => `"${name.replace(/"/g, '""')}"`;

/** @param {string} message */
const limit = (message) => new Refused('io_limit', message);

/**
 * Loads a CSV (first line: column names) or JSON (an array of objects) file into a table, in one
 * transaction: every row or none. A missing table is created with the file's columns.
 * @param {import('better-sqlite3').Database} db
 * @param {{ file: string, format: 'csv' | 'json', table: string, limits: IoLimits }} request
 */
export async function importFile(db, { file, format, table, limits }) {
  const size = statSync(file).size;
  if (size > limits.maxBytes) {
    throw limit(
      `The file takes ${formatBytes(size)}, more than the ${formatBytes(limits.maxBytes)} an import may read.`,
    );
  }
  db.exec('BEGIN IMMEDIATE');
  /** @type {import('better-sqlite3').Statement | undefined} */
  let insert;
  /** @type {string[]} */
  let columns = [];
  let created = false;
  let rows = 0;
  /** @param {string[]} names */
  const start = (names) => {
    if (names.length > limits.maxColumns) {
      throw limit(
        `The file has ${names.length} columns, more than the ${limits.maxColumns} an import takes.`,
      );
    }
    if (names.length === 0) throw new Refused('io_format', 'The file names no columns.');
    if (new Set(names).size !== names.length)
      throw new Refused('io_format', 'The file names a column twice.');
    columns = names;
    const exists = db
      .prepare('SELECT 1 FROM sqlite_schema WHERE type = ? AND name = ? COLLATE NOCASE')
      .get('table', table);
    if (!exists) {
      db.exec(`CREATE TABLE ${quote(table)} (${names.map(quote).join(', ')})`);
      created = true;
    }
    insert = db.prepare(
      `INSERT INTO ${quote(table)} (${names.map(quote).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    );
  };
  /** @param {unknown[]} values */
  const add = (values) => {
    if (++rows > limits.maxRows)
      throw limit(`The file has more than the ${limits.maxRows} rows an import takes.`);
    insert?.run(...values);
  };
  if (format === 'csv') {
    start(await csvHeader(file, limits.maxColumns));
    const records = createReadStream(file).pipe(
      parse({ bom: true, skip_empty_lines: true, from: 2, max_record_size: MAX_RECORD_CHARS }),
    );
    for await (const record of records) add(record.map(csvCell));
  } else {
    const data = JSON.parse(await readText(file));
    if (!Array.isArray(data)) throw new Refused('io_format', 'A JSON import must be an array of objects.');
    const names = new Set();
    for (const item of data) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        throw new Refused('io_format', 'A JSON import must be an array of objects, one per row.');
      }
      for (const key of Object.keys(item)) {
        names.add(key);
        if (names.size > limits.maxColumns) {
          throw limit(`The file has more than the ${limits.maxColumns} columns an import takes.`);
        }
      }
    }
    start([...names]);
    for (const item of data) add(columns.map((c) => jsonCell(item[c])));
  }
  db.exec('COMMIT');
  return { rows, columns, created, schemaVersion: Number(db.pragma('schema_version', { simple: true })) };
}

/**
 * The header line alone, parsed under a bound its column cap sets: a header of 10^6 names would
 * take csv-parse seconds to split (measured: 6 s for 6.9 MB), so it is refused after at most
 * maxColumns × 256 characters instead, in a fraction of that.
 * @param {string} file
 * @param {number} maxColumns
 * @returns {Promise<string[]>}
 */
async function csvHeader(file, maxColumns) {
  const bound = maxColumns * MAX_NAME_CHARS;
  const stream = createReadStream(file);
  try {
    for await (const record of stream.pipe(
      parse({ bom: true, skip_empty_lines: true, to: 1, max_record_size: bound }),
    )) {
      return /** @type {string[]} */ (record);
    }
    return [];
  } catch (error) {
    if (/** @type {{ code?: string }} */ (error).code !== 'CSV_MAX_RECORD_SIZE') throw error;
    throw limit(
      `The header line is longer than ${bound} characters: more than the ${maxColumns} columns (names of up to ${MAX_NAME_CHARS} characters) an import takes.`,
    );
  } finally {
    stream.destroy();
  }
}

/**
 * A CSV field as the value to store: a number when the text is exactly how that number is
 * written (3, -2.5), so `qty > 4` compares numbers in a table created untyped; anything else
 * stays text as written, so 007, 1.10 and +1 keep their zeros and signs.
 * @param {string} field
 */
function csvCell(field) {
  if (!/^-?\d/.test(field)) return field;
  // A bigint binds as INTEGER (a number would bind as REAL); past 64 bits it stays text.
  if (/^-?(0|[1-9]\d*)$/.test(field)) {
    const integer = BigInt(field);
    return integer >= INT64_MIN && integer <= INT64_MAX ? integer : field;
  }
  const number = Number(field);
  return Number.isFinite(number) && String(number) === field ? number : field;
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** @param {unknown} value */
function jsonCell(value) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** @param {string} file */
async function readText(file) {
  const chunks = [];
  for await (const chunk of createReadStream(file)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Writes a read statement's rows to a new file, atomically: a temporary file beside it, linked to
 * its name once complete, so a stopped export never leaves half a file.
 * @param {import('better-sqlite3').Statement} stmt
 * @param {unknown} params
 * @param {{ file: string, format: 'csv' | 'json', limits: IoLimits }} request
 * @param {(stmt: import('better-sqlite3').Statement, params: unknown) => Iterable<unknown[]>} iterate
 */
export function exportRows(stmt, params, { file, format, limits }, iterate) {
  const columns = stmt.columns().map((c) => c.name);
  if (columns.length > limits.maxColumns) {
    throw limit(
      `The result has ${columns.length} columns, more than the ${limits.maxColumns} an export writes.`,
    );
  }
  if (existsSync(file))
    throw new Refused('io_format', `${path.basename(file)} already exists; an export never replaces a file.`);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'wx');
  let bytes = 0;
  let rows = 0;
  let open = true;
  /** @param {string} text */
  const write = (text) => {
    bytes += Buffer.byteLength(text);
    if (bytes > limits.maxBytes)
      throw limit(`The export passed the ${formatBytes(limits.maxBytes)} a file may take.`);
    writeSync(fd, text);
  };
  try {
    if (format === 'csv') write(stringify([columns]));
    else write('[');
    for (const raw of iterate(stmt, params)) {
      if (++rows > limits.maxRows)
        throw limit(`The result has more than the ${limits.maxRows} rows an export writes.`);
      const row = raw.map(fileCell);
      if (format === 'csv') write(stringify([row]));
      else
        write(
          `${rows > 1 ? ',' : ''}\n${JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, row[i]])))}`,
        );
    }
    if (format === 'json') write(rows > 0 ? '\n]\n' : ']\n');
    closeSync(fd);
    open = false;
    // A link fails if the name exists (created meanwhile): an export never replaces a file.
    linkSync(temp, file);
    rmSync(temp, { force: true });
  } catch (error) {
    if (open) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  return { rows, columns, bytes };
}

/** Integers come as BigInt (safe integers on), blobs as Buffers: both made file-safe. */
/** @param {unknown} value */
function fileCell(value) {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return value;
}
