import * as z from 'zod';
import { InvalidInputError } from './errors.js';
/**
 * Opaque cursors: base64url JSON that the client must hand back unchanged. Opaque so a server can
 * change what is inside without breaking clients, and validated so a forged cursor is a clear
 * input error rather than a crash.
 */
export function encodeCursor(state) {
    return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}
export function decodeCursor(cursor, schema) {
    let raw;
    try {
        raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    }
    catch {
        raw = undefined;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
        throw new InvalidInputError('Invalid cursor.', {
            hint: 'Pass nextCursor from the previous result unchanged, or omit cursor to start over.',
        });
    }
    return parsed.data;
}
const offsetCursor = z.object({ o: z.number().int().nonnegative() });
/** Offset pagination over an in-memory list, with an opaque cursor. */
export function paginate(items, options) {
    const offset = options.cursor ? decodeCursor(options.cursor, offsetCursor).o : 0;
    const end = offset + options.limit;
    const page = { items: items.slice(offset, end) };
    if (end < items.length)
        page.nextCursor = encodeCursor({ o: end });
    return page;
}
