import * as z from 'zod';
/**
 * Opaque cursors: base64url JSON that the client must hand back unchanged. Opaque so a server can
 * change what is inside without breaking clients, and validated so a forged cursor is a clear
 * input error rather than a crash.
 */
export declare function encodeCursor(state: Record<string, unknown>): string;
export declare function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.output<S>;
export interface Page<T> {
    items: T[];
    nextCursor?: string;
}
/** Offset pagination over an in-memory list, with an opaque cursor. */
export declare function paginate<T>(items: readonly T[], options: {
    cursor?: string | undefined;
    limit: number;
}): Page<T>;
