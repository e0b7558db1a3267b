import { describe, expect, it } from 'vitest';
import { cutText, fitResult } from './bounded-result.js';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('cutText', () => {
  it('cuts with a marker saying how much was cut, never inside a surrogate pair', () => {
    expect(cutText('abcdef', 6)).toBe('abcdef');
    expect(cutText('abcdef', 2)).toBe('ab…[4 more characters cut]');
    expect(cutText('a😀b', 2)).toBe('a…[3 more characters cut]');
  });
});

describe('fitResult', () => {
  it('returns a result that fits unchanged', () => {
    const result = { items: [{ body: 'x'.repeat(100) }] };
    expect(fitResult(result, { maxBytes: 1024 })).toBe(result);
  });

  it('cuts the longest texts to one length so the result fits, keeping every item', () => {
    const result = {
      comments: Array.from({ length: 50 }, (_, i) => ({ id: i, body: `${i}:${'x'.repeat(10_000)}` })),
      short: 'kept',
    };
    const fitted = fitResult(result, { maxBytes: 100_000 });
    expect(bytes(fitted)).toBeLessThanOrEqual(100_000);
    expect(fitted.comments).toHaveLength(50);
    expect(fitted.short).toBe('kept');
    expect(fitted.comments[49]?.body).toMatch(/^49:x+…\[[\d,]+ more characters cut\]$/);
    // The original (maybe a cached answer) is left alone.
    expect(result.comments[0]?.body).toHaveLength(10_002);
  });

  it('accounts for escapes: control characters take six bytes each in JSON', () => {
    const fitted = fitResult({ text: '\u0001'.repeat(1_000_000) }, { maxBytes: 200_000 });
    expect(bytes(fitted)).toBeLessThanOrEqual(200_000);
    expect(fitted.text.length).toBeGreaterThan(20_000);
  });

  it('refuses a list with too many items to fit even with short texts', () => {
    const many = { labels: Array.from({ length: 100_000 }, (_, i) => `label-${i}`) };
    expect(() => fitResult(many, { maxBytes: 100_000 })).toThrow(/too many items/);
  });
});
