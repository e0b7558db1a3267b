import { describe, expect, it } from 'vitest';
import { renderTable } from '../results.js';
import { cellBytes, cellMaker, formatBytes, headerBytes, renderLines, showCell } from './cells.js';
import type { Cell } from './protocol.js';

describe('cellMaker', () => {
  it('keeps text up to the cap whole, and cuts longer text with its full length', () => {
    const cells = cellMaker(4096);
    expect(cells.row(['x'.repeat(4096), 1])).toMatchObject({ row: ['x'.repeat(4096), 1], cut: 0 });
    expect(cells.row(['x'.repeat(5000), 'y'.repeat(4097)])).toMatchObject({
      row: [`${'x'.repeat(4096)}…[cut: 4096 of 5000 bytes]`, `${'y'.repeat(4096)}…[cut: 4096 of 4097 bytes]`],
      cut: 2,
    });
  });

  it('cuts UTF-8 text on a character boundary and counts bytes, not characters', () => {
    const cells = cellMaker(4096);
    // 2-byte characters: 2,048 fit exactly.
    expect(cells.cell('é'.repeat(3000))).toBe(`${'é'.repeat(2048)}…[cut: 4096 of 6000 bytes]`);
    // A 3-byte character straddling the cap is left out whole.
    expect(cells.cell(`x${'€'.repeat(2000)}`)).toBe(`x${'€'.repeat(1365)}…[cut: 4096 of 6001 bytes]`);
    // Surrogate pairs (4 bytes) are never split into a replacement character.
    const cut = String(cells.cell(`x${'😀'.repeat(1500)}`));
    expect(cut).toBe(`x${'😀'.repeat(1023)}…[cut: 4093 of 6001 bytes]`);
    expect(cut).not.toContain('\uFFFD');
  });

  it('turns big integers into strings and blobs into a preview with their length', () => {
    const cells = cellMaker(4096);
    expect(cells.cell(2n ** 60n)).toBe('1152921504606846976');
    expect(cells.cell(42n)).toBe(42);
    // Numbers exactly up to the last safe integer, both signs; text from the first unsafe one.
    expect(cells.cell(2n ** 53n - 1n)).toBe(2 ** 53 - 1);
    expect(cells.cell(-(2n ** 53n) + 1n)).toBe(-(2 ** 53) + 1);
    expect(cells.cell(2n ** 53n)).toBe('9007199254740992');
    expect(cells.cell(-(2n ** 53n))).toBe('-9007199254740992');
    expect(cells.cell(2n ** 53n + 1n)).toBe('9007199254740993');
    expect(cells.cell(-(2n ** 63n))).toBe('-9223372036854775808');
    expect(cells.cell(0n)).toBe(0);
    expect(cells.row([new Uint8Array(10_000)])).toMatchObject({
      row: [{ $blob: `${'A'.repeat(5462)}==`, bytes: 10_000 }],
      cut: 0,
    });
  });
});

const ROWS: Cell[][] = [
  [1, 'plain text', null, 3.25, -7],
  ['x'.repeat(200), 'a | b', 'line\nbreak\r\nagain', 'quote " and \\ backslash'],
  ['tab\there', '\u0001\u0002 control', 'é ü 中文 😀', `${'|'.repeat(100)}`],
  [{ $blob: 'AAEC', bytes: 3 }, '1152921504606846976', 'trailing\n', ''],
];

describe('what a row costs', () => {
  it('counts exactly the bytes the structured rows and their text view add to a reply', () => {
    const columns = ['a', 'b', 'c', 'd', 'e'];
    const cells = cellMaker(4096);
    const counted = headerBytes(columns) + ROWS.reduce((sum, row) => sum + cells.row(row).bytes, 0);
    // What the reply carries: the rows as JSON, and the text view inside a JSON string.
    const structured = Buffer.byteLength(JSON.stringify({ columns, rows: ROWS }));
    const text = Buffer.byteLength(JSON.stringify(renderTable(columns, ROWS)));
    expect(counted).toBeGreaterThanOrEqual(structured + text);
    // Only separators and the reserve for footer and notice are counted on top.
    expect(counted - (structured + text)).toBeLessThan(1024 + 8 * ROWS.length + 64);
  });

  it('costs each row as cellBytes does, the fast paths included', () => {
    const rows: unknown[][] = [
      ...ROWS,
      [0, -0, 1e21, 0.1, 'x'.repeat(80), 'x'.repeat(81), 'NULL', null],
      ['plain', 'p'.repeat(79), ' spaced ', '~{}[]', 'a"b', 'a\\b', 'ä'],
      [9, 10, -10, 99, 100, 999_999_999_999_999, -999_999_999_999_999, 1e15, 2 ** 53 - 1, -1.5e-7],
    ];
    const cells = cellMaker(4096);
    for (const values of rows) {
      const { row, bytes } = cells.row(values);
      expect(bytes).toBe(4 + row.reduce((sum: number, cell) => sum + cellBytes(cell), 0));
    }
  });
});

describe('renderLines', () => {
  it('draws every row as its cells shown one by one, the fast paths included', () => {
    const rows: Cell[][] = [
      ...ROWS,
      [0, -0, 1e21, 0.1, 'x'.repeat(80), 'x'.repeat(81), `${'x'.repeat(79)}|`, 'NULL', null],
      ['cr\ronly', 'crlf\r\n', '\n', '|', '', 'ä'.repeat(80), '😀'.repeat(40), '😀'.repeat(41)],
    ];
    const expected = rows.map((row) => row.map(showCell).join(' | ')).join('\n');
    expect(renderLines(rows)).toBe(expected);
    expect(renderLines([])).toBe('');
  });

  it('draws the same line while costing a row, and that line as it stands inside a JSON string', () => {
    const rows: unknown[][] = [
      ...ROWS,
      [0, -0, 1e21, 0.1, 'x'.repeat(80), 'x'.repeat(81), `${'x'.repeat(79)}|`, 'NULL', null],
      ['cr\ronly', 'crlf\r\n', '\n', '|', '', 'ä'.repeat(80), '😀'.repeat(40), '😀'.repeat(41)],
      ['a"b', 'a\\b', '\t', '\u0001', 2n ** 60n, 7n, Number.POSITIVE_INFINITY, new Uint8Array([1, 2])],
      ['plain', 12, null, 'only plain cells: the line needs no escaping'],
    ];
    const cells = cellMaker(4096);
    for (const values of rows) {
      const { row, bytes, drawn } = cells.row(values, true);
      expect(drawn?.line).toBe(renderLines([row]));
      expect(`"${drawn?.escaped}"`).toBe(JSON.stringify(drawn?.line));
      // Drawing changes nothing of what the row is or costs.
      expect({ row, bytes }).toEqual({ row: cells.row(values).row, bytes: cells.row(values).bytes });
      expect(cells.row(values).drawn).toBeUndefined();
    }
  });
});

describe('showCell', () => {
  it('escapes newlines and pipes and cuts at 80 characters, looking at 81 at most', () => {
    expect(showCell('a|b\nc')).toBe('a\\|b\\nc');
    expect(showCell(null)).toBe('NULL');
    expect(showCell({ $blob: '', bytes: 9 })).toBe('<blob 9 bytes>');
    expect(showCell('x'.repeat(80))).toBe('x'.repeat(80));
    expect(showCell('x'.repeat(81))).toBe(`${'x'.repeat(79)}…`);
    expect(showCell(`${'x'.repeat(79)}|`)).toBe(`${'x'.repeat(79)}…`);
    expect(showCell(`${'x'.repeat(78)}\r\n${'y'.repeat(1_000_000)}`)).toBe(`${'x'.repeat(78)}\\…`);
  });
});

describe('formatBytes', () => {
  it('prints sizes as the flags are documented', () => {
    expect(formatBytes(65_536)).toBe('64 KiB');
    expect(formatBytes(4 * 1024 * 1024)).toBe('4 MiB');
    expect(formatBytes(4_718_592)).toBe('4.5 MiB');
    expect(formatBytes(512)).toBe('512 bytes');
  });
});
