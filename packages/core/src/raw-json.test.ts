import { describe, expect, it } from 'vitest';
import { jsonFitsIn } from './json-size.js';
import { encodedText, encodeMessage, RawJson, rawJson } from './raw-json.js';
import { createRedactor, redactDeep } from './redact.js';

describe('encodeMessage', () => {
  it('writes each raw value as its text, in place, and the rest as JSON.stringify would', () => {
    // Spaced text: spliced, it keeps its spaces; parsed and encoded again, it would lose them.
    const rows = '[[1, "a"], [2, "b"]]';
    const message = { id: 1, result: { rows: rawJson(rows), more: [rawJson('{"x": null}'), 'tail'] } };
    const encoded = encodeMessage(message);
    expect(encoded).toBe('{"id":1,"result":{"rows":[[1, "a"], [2, "b"]],"more":[{"x": null},"tail"]}}');
    expect(JSON.parse(encoded)).toEqual(JSON.parse(JSON.stringify(message)));
  });

  it('leaves text that merely looks like a marker alone', () => {
    const lookalike = '\u0000raw-json:00000000-0000-0000-0000-000000000000:0';
    const encoded = encodeMessage({ cell: lookalike, rows: rawJson('[1]') });
    expect(JSON.parse(encoded)).toEqual({ cell: lookalike, rows: [1] });
  });

  it('outside a message, encodes a raw value as its parsed value', () => {
    expect(JSON.stringify({ rows: rawJson('[1, 2]') })).toBe('{"rows":[1,2]}');
  });
});

describe('encodedText', () => {
  // Spelled differently from what JSON.stringify writes (\u0041 for A), so the test can tell
  // which one went out; both decode to the same text.
  const text = `A${'x'.repeat(70_000)}\n"quoted"`;
  const json = `"\\u0041${'x'.repeat(70_000)}\\n\\"quoted\\""`;
  const message = (t: string) => ({ id: 1, result: { content: [{ type: 'text', text: t }], other: 'kept' } });

  it('writes a registered text as its JSON, once, and the message decodes the same', () => {
    expect(JSON.parse(json)).toBe(text);
    encodedText(text, json);
    const first = encodeMessage(message(text));
    expect(first).toContain(json);
    expect(JSON.parse(first)).toEqual(message(text));
    // Used up: the next message with the same text is encoded as usual.
    expect(encodeMessage(message(text))).toBe(JSON.stringify(message(text)));
  });

  it('leaves another text of the same length alone, and forgets an unused one by the next turn', async () => {
    encodedText(text, json);
    const other = `B${text.slice(1)}`;
    expect(encodeMessage(message(other))).toBe(JSON.stringify(message(other)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(encodeMessage(message(text))).toBe(JSON.stringify(message(text)));
  });
});

describe('raw values in the result checks', () => {
  it('are sized by their text', () => {
    const text = JSON.stringify(Array.from({ length: 1000 }, (_, i) => [i, `row ${i}`]));
    expect(jsonFitsIn({ rows: rawJson(text) }, text.length * 3 + 100)).toBe(true);
    expect(jsonFitsIn({ rows: rawJson(text) }, text.length)).toBe(false);
  });

  it('are redacted as the values they decode to', () => {
    const secret = 'tok"en\\12345';
    const redact = createRedactor([secret]);
    const clean = redactDeep({ rows: rawJson(JSON.stringify([[secret, 'ok']])) }, redact);
    expect(clean.rows).toBeInstanceOf(RawJson);
    expect(JSON.parse(clean.rows.text)).toEqual([['[redacted]', 'ok']]);
    const untouched = rawJson('[["ok"]]');
    expect(redactDeep({ rows: untouched }, redact).rows).toBe(untouched);
  });
});
