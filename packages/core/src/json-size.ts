import { RawJson } from './raw-json.js';

/**
 * True when `JSON.stringify(value)` surely takes at most `budget` UTF-8 bytes, found without
 * building the string: every string counted at 6 bytes a code unit (a control character becomes
 * `\u00XX`), every number at 24, every key and bracket included. False means "maybe more": the
 * caller then measures exactly. For the result-size check, which would otherwise encode every
 * result a second time (4 ms for 10,000 rows, against 0.5 ms for this walk).
 */
export function jsonFitsIn(value: unknown, budget: number): boolean {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') bytes += item.length * 6 + 2;
    else if (item === null || typeof item !== 'object') bytes += 24;
    // Already JSON: a UTF-16 code unit is at most 3 UTF-8 bytes.
    else if (item instanceof RawJson) bytes += item.text.length * 3;
    else if (typeof (item as { toJSON?: unknown }).toJSON === 'function') {
      // A Date and the like: what it encodes to is not in its own keys.
      bytes += Buffer.byteLength(JSON.stringify(item) ?? '');
    } else if (Array.isArray(item)) {
      bytes += 1 + item.length;
      for (let i = 0; i < item.length; i++) stack.push(item[i]);
    } else {
      bytes += 2;
      for (const key in item) {
        bytes += key.length * 6 + 4;
        stack.push((item as Record<string, unknown>)[key]);
      }
    }
    // Also ends a walk round a cycle, which JSON.stringify would refuse anyway.
    if (bytes > budget) return false;
  }
  return true;
}
