import { describe, expect, it } from 'vitest';
import { isoTime } from './format.js';

/** What isoTime promises, said the slow way. */
const expected = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

describe('isoTime', () => {
  it('agrees with toISOString across days, years and before 1970, whatever came before', () => {
    const seconds = [
      0, 59, 60, 3599, 3600, 86_399, 86_400, 951_782_400, 1_712_345_678, 1_796_588_080, 4_102_444_799, -1,
      -86_401,
    ];
    // In both orders: the day cached by one call must not leak into the next.
    for (const list of [seconds, [...seconds].reverse()]) {
      for (const s of list) expect(isoTime(`${s}.000100`), String(s)).toBe(expected(s));
    }
    expect(isoTime('1712345678')).toBe('2024-04-05T19:34:38Z');
  });

  it('keeps a ts that is no time as it came', () => {
    for (const ts of ['', 'abc', '1e400.5', '99999999999999999.000100']) expect(isoTime(ts)).toBe(ts);
  });
});
