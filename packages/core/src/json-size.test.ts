import { describe, expect, it } from 'vitest';
import { jsonFitsIn } from './json-size.js';

const exact = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

const SAMPLES: Array<[string, unknown]> = [
  [
    'rows of mixed cells',
    {
      columns: ['a', 'b'],
      rows: [
        [1, 'x'],
        [null, 'ünïcødé'],
        [-1.2345678901234567e308, true],
      ],
    },
  ],
  ['control characters and quotes', { text: '\u0000\u0001"\\\n\t'.repeat(50) }],
  ['astral characters and lone surrogates', ['😀'.repeat(20), '\ud800x']],
  ['nested objects with undefined', { a: { b: { c: [undefined, { d: 'e' }] } }, f: undefined }],
  ['a date', { at: new Date(0), list: [new Date(1e12)] }],
  ['empty things', [{}, [], '', 0, false]],
];

describe('jsonFitsIn', () => {
  it.each(SAMPLES)('never says %s fit in fewer bytes than JSON.stringify makes', (_, value) => {
    const size = exact(value);
    expect(jsonFitsIn(value, size - 1)).toBe(false);
    // An upper bound: it fits in some budget, and that budget is not below the real size.
    let budget = size;
    while (!jsonFitsIn(value, budget)) budget *= 2;
    expect(budget).toBeGreaterThanOrEqual(size);
  });

  it('says a small result fits a large budget without encoding it', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [i, `item-${i}`, i % 3 ? null : 'note']);
    expect(jsonFitsIn({ rows }, 9 * 1024 * 1024)).toBe(true);
    expect(jsonFitsIn({ rows }, 100_000)).toBe(false);
  });

  it('ends on a cycle instead of walking it for ever', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(jsonFitsIn(loop, 1_000_000)).toBe(false);
  });
});
