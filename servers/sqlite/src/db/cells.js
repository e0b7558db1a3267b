// @ts-check
/**
 * Cells as they leave a worker process: values made JSON-safe, long text cut to the cell cap, and
 * each row costed in the bytes it adds to a reply, so that a result stops at the byte cap inside
 * the worker, before anything crosses the IPC channel or the server's main thread encodes it.
 *
 * A reply carries every row twice: in the structured content (JSON) and in the text view the
 * model reads (src/results.ts renders it with `showCell` from here). Both are counted, as the
 * bytes they take inside the JSON-RPC message, so the cap bounds what is actually sent: a stdio
 * client drops its connection on a message over 10 MiB, and the main thread's work per call
 * (rendering, validation, encoding) grows with the reply.
 *
 * Plain JavaScript for the reason runner.js is (see its header comment): both layouts fork it.
 */

/** @typedef {import('./protocol.js').Cell} Cell */

/** Longest cell shown in the text view; the structured content has the whole (capped) value. */
export const CELL_WIDTH = 80;
const BLOB_PREVIEW_BYTES = 4096;
/** Room for what a reply holds besides the rows: footer, notice, cursor, field names. */
const RESERVE_BYTES = 1024;
/** Per row: `[` and `]` in the structured rows, an escaped newline (`\n`) in the text view. */
const ROW_BYTES = 4;
/** Per cell: a comma in the structured rows, ` | ` in the text view. */
const SEPARATOR_BYTES = 4;
/** Printable ASCII that JSON and the text view both carry unchanged (no `"`, `\` or `|`). */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7b\x7d\x7e]*$/;
/** What the text view escapes: a newline (with its `\r`, if any) and the column separator. */
const NEEDS_ESCAPE = /[\n|]/;

/**
 * One cell in the text view: newlines and pipes escaped, cut at 80 characters. Escaping never
 * shortens text, so only the first 81 characters can reach the view: the work is the same for a
 * 64 KiB cell as for a short one.
 * @param {Cell} value
 */
export function showCell(value) {
  if (value === null) return 'NULL';
  // A number's text is short and has nothing to escape. This runs for every cell of a page.
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return `<blob ${value.bytes} bytes>`;
  const whole = String(value);
  const long = whole.length > CELL_WIDTH + 1;
  let text = long ? whole.slice(0, CELL_WIDTH + 1) : whole;
  if (NEEDS_ESCAPE.test(text)) text = text.replace(/\r?\n/g, '\\n').replace(/\|/g, '\\|');
  return long || text.length > CELL_WIDTH ? `${text.slice(0, CELL_WIDTH - 1)}…` : text;
}

/**
 * A compact pipe-separated table: cheap for a model to read, cells cut at 80 characters, one line
 * per row (renderLines). `cellBytes` counts exactly these bytes against the cap.
 * @param {readonly string[]} columns
 * @param {readonly string[]} lines the rows' lines, or runs of them already joined by newlines
 */
export function tableOf(columns, lines) {
  if (columns.length === 0) return '';
  // Concatenated, not joined: a few runs of many lines are then copied once, when encoded.
  let table = columns.join(' | ');
  for (const line of lines) table = `${table}\n${line}`;
  return table;
}

/**
 * The rows' lines in the text view, joined by newlines.
 * @param {readonly Cell[][]} rows
 */
export function renderLines(rows) {
  const lines = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = /** @type {Cell[]} */ (rows[r]);
    let line = '';
    for (let i = 0; i < row.length; i++) {
      const value = /** @type {Cell} */ (row[i]);
      // showCell's answer, without its work for the common cells: numbers, and short text with
      // nothing to escape.
      const text =
        typeof value === 'number'
          ? String(value)
          : typeof value === 'string' && shownAsIs(value)
            ? value
            : showCell(value);
      line = i === 0 ? text : `${line} | ${text}`;
    }
    lines[r] = line;
  }
  return lines.join('\n');
}

/**
 * At most CELL_WIDTH characters and no newline or pipe: the view shows it as it is.
 * @param {string} text
 */
function shownAsIs(text) {
  const n = text.length;
  if (n > CELL_WIDTH) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x7c) return false;
  }
  return true;
}

/**
 * Lines of the view whose only character JSON escapes is the newline between them (every line
 * drawn "plain" by `row`), as they stand inside a JSON string.
 * @param {string} lines
 */
export function escapedLines(lines) {
  return lines.replaceAll('\n', '\\n');
}

/**
 * The whole table from rows at hand (a few, read in the server's process, or a write's).
 * @param {readonly string[]} columns
 * @param {readonly Cell[][]} rows
 */
export function renderTable(columns, rows) {
  return tableOf(columns, rows.length === 0 ? [] : [renderLines(rows)]);
}

/**
 * `String(value).length` of a finite number, without making the string for an integer: a page
 * of numbers is counted cell by cell, and most are integers.
 * @param {number} value
 */
function numberChars(value) {
  if (!Number.isInteger(value) || value <= -1e15 || value >= 1e15) return String(value).length;
  if (value === 0) return 1; // -0 too: JSON and the view both write 0
  let chars = value < 0 ? 2 : 1;
  for (let rest = Math.abs(value); rest >= 10; rest = Math.floor(rest / 10)) chars++;
  return chars;
}

/**
 * PLAIN and at most CELL_WIDTH characters, as a loop: cheaper than the regular expression for the
 * short cells most rows are made of.
 * @param {string} text
 */
function isShortPlain(text) {
  const n = text.length;
  if (n > CELL_WIDTH) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c || c === 0x7c) return false;
  }
  return true;
}

/** @param {unknown} value */
const jsonBytes = (value) => Buffer.byteLength(JSON.stringify(value) ?? 'null');

/**
 * What one cell adds to a reply: its JSON in the structured rows and its text-view rendering as a
 * JSON string's content. Exact for what SQLite returns; plain ASCII text skips the encoding.
 * @param {Cell} value
 */
export function cellBytes(value) {
  if (typeof value === 'number') return 2 * String(value).length + SEPARATOR_BYTES;
  if (value === null) return 8 + SEPARATOR_BYTES;
  if (typeof value === 'string' && PLAIN.test(value)) {
    const shown = value.length > CELL_WIDTH ? CELL_WIDTH + 2 : value.length; // `…` is 3 bytes
    return value.length + 2 + shown + SEPARATOR_BYTES;
  }
  return jsonBytes(value) + jsonBytes(showCell(value)) - 2 + SEPARATOR_BYTES;
}

/** The column names, once in the structured content and once as the text view's header. */
export function headerBytes(/** @type {readonly string[]} */ columns) {
  return RESERVE_BYTES + jsonBytes(columns) + jsonBytes(columns.join(' | '));
}

/** `65536` → `64 KiB`, `4194304` → `4 MiB`, `4718592` → `4.5 MiB`. */
export function formatBytes(/** @type {number} */ bytes) {
  const [unit, size] =
    bytes >= 1024 * 1024 ? ['MiB', 1024 * 1024] : bytes >= 1024 ? ['KiB', 1024] : ['bytes', 1];
  const value = bytes / size;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

/**
 * Turns SQLite's values into cells with no more than `maxCellBytes` (UTF-8) of text.
 * @param {number} maxCellBytes
 */
export function cellMaker(maxCellBytes) {
  let cut = 0;
  /**
   * A value as JSON can carry it: integers beyond 2^53 become strings rather than losing digits,
   * blobs become base64 (the first 4 KiB) with their length, and text over the cap is cut,
   * ending in a marker with its full length: `…[cut: 65536 of 40000000 bytes]`.
   * @param {unknown} value
   * @returns {Cell}
   */
  function cell(value) {
    if (typeof value === 'bigint') {
      // Exact while safe; past 2^53 the rounded number is never "safe", whichever way it rounds.
      // Less than half the time of comparing the BigInt with Number bounds (a cell of every row).
      const number = Number(value);
      return Number.isSafeInteger(number) ? number : value.toString();
    }
    // SQLite keeps infinite REALs (`SELECT 1e999`); JSON has no such number and would say null.
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    if (value instanceof Uint8Array) {
      const preview = Buffer.from(value.buffer, value.byteOffset, Math.min(value.length, BLOB_PREVIEW_BYTES));
      return { $blob: preview.toString('base64'), bytes: value.length };
    }
    // A UTF-16 code unit is at most 3 UTF-8 bytes: most text needs no counting at all.
    if (typeof value !== 'string' || value.length * 3 <= maxCellBytes) return /** @type {Cell} */ (value);
    const bytes = Buffer.byteLength(value);
    if (bytes <= maxCellBytes) return value;
    cut++;
    const head = cutUtf8(value, maxCellBytes);
    return `${head.text}…[cut: ${head.bytes} of ${bytes} bytes]`;
  }
  /**
   * One row, the bytes it adds to a reply (its JSON and its line in the text view), and how many
   * of its cells were cut (the caller counts those only for rows it keeps). The common cells
   * (numbers, NULL, short plain text) are costed inline: this runs for every cell read. With
   * `draw`, also the row's line in the view (renderLines' line) and that line as it stands inside
   * a JSON string: drawn in the same pass, where each cell's kind is already known, it costs a
   * third of drawing the rows again afterwards.
   * @param {readonly unknown[]} values
   * @param {boolean} [draw]
   */
  function row(values, draw = false) {
    const before = cut;
    const n = values.length;
    const cells = new Array(n);
    let bytes = ROW_BYTES;
    let line = '';
    // Numbers, NULL and short plain text need no escaping in JSON: neither does a line of them.
    let plainLine = true;
    for (let i = 0; i < n; i++) {
      const value = cell(values[i]);
      cells[i] = value;
      let text;
      if (typeof value === 'number') {
        // Drawn, the number's text is made anyway; otherwise it is counted without making it.
        if (draw) text = String(value);
        bytes += 2 * (draw ? /** @type {string} */ (text).length : numberChars(value)) + SEPARATOR_BYTES;
      } else if (value === null) {
        bytes += 8 + SEPARATOR_BYTES;
        text = 'NULL';
      } else if (typeof value === 'string' && isShortPlain(value)) {
        // Nothing to escape in JSON or in the view: shown as it is.
        bytes += 2 * value.length + 2 + SEPARATOR_BYTES;
        text = value;
      } else {
        bytes += cellBytes(value);
        if (draw) text = showCell(value);
        plainLine = false;
      }
      if (draw) line = i === 0 ? /** @type {string} */ (text) : `${line} | ${text}`;
    }
    const drawn = draw ? { line, escaped: plainLine ? line : JSON.stringify(line).slice(1, -1) } : undefined;
    return { row: /** @type {Cell[]} */ (cells), bytes, cut: cut - before, drawn };
  }
  return { cell, row };
}

/**
 * The longest start of `text` that fits `maxBytes` of UTF-8 without splitting a character.
 * Works on at most `maxBytes` code units, whatever the length of `text`.
 * @param {string} text
 * @param {number} maxBytes
 */
function cutUtf8(text, maxBytes) {
  let start = text.slice(0, maxBytes);
  // A lone high surrogate would encode as U+FFFD: leave the whole pair out instead.
  const last = start.charCodeAt(start.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) start = start.slice(0, -1);
  const encoded = Buffer.from(start, 'utf8');
  let end = Math.min(encoded.length, maxBytes);
  // Back off to the first byte of a character (continuation bytes are 10xxxxxx).
  if (end < encoded.length) while (end > 0 && ((encoded[end] ?? 0) & 0xc0) === 0x80) end--;
  return { text: encoded.toString('utf8', 0, end), bytes: end };
}
