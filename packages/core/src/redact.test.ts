import { describe, expect, it } from 'vitest';
import { createRedactor, redactDeep } from './redact.js';

const SECRET = 'tok_0123456789abcdef';
const redact = createRedactor([SECRET]);

describe('redactDeep', () => {
  it('returns parts holding no secret as they are, and copies only the way to a secret', () => {
    const clean = { name: 'general', members: ['alice', 'bob'] };
    const leaky = { text: `token ${SECRET}`, n: 1 };
    const value = { page: [clean, leaky], meta: { cursor: 'abc' } };
    const out = redactDeep(value, redact);
    expect(out).toEqual({
      page: [clean, { text: 'token [redacted]', n: 1 }],
      meta: { cursor: 'abc' },
    });
    expect(out).not.toBe(value);
    expect(out.page[0]).toBe(clean);
    expect(out.meta).toBe(value.meta);
    expect(leaky.text).toBe(`token ${SECRET}`);
    const untouched = { list: [clean, clean] };
    expect(redactDeep(untouched, redact)).toBe(untouched);
  });

  it('redacts keys, and keeps a key named __proto__ as a key of the copy', () => {
    const value = JSON.parse(`{"__proto__":{"x":1},"${SECRET}":"v","after":"${SECRET}"}`) as Record<
      string,
      unknown
    >;
    const out = redactDeep(value, redact);
    expect(Object.keys(out)).toEqual(['__proto__', '[redacted]', 'after']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"x":1},"[redacted]":"v","after":"[redacted]"}');
  });
});
