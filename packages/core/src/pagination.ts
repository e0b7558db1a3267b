import * as z from 'zod';
import { InvalidInputError } from './errors.js';

/**
 * Opaque cursors: base64url JSON that the client must hand back unchanged. Opaque so a server can
 * change what is inside without breaking clients, and validated so a forged cursor is a clear
 * input error rather than a crash.
 */
export function encodeCursor(state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
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

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Offset pagination over an in-memory list, with an opaque cursor. */
export function paginate<T>(
  items: readonly T[],
  options: { cursor?: string | undefined; limit: number },
): Page<T> {
  const offset = options.cursor ? decodeCursor(options.cursor, offsetCursor).o : 0;
  const end = offset + options.limit;
  const page: Page<T> = { items: items.slice(offset, end) };
  if (end < items.length) page.nextCursor = encodeCursor({ o: end });
  return page;
}
