interface Sender {
    send(message: never, options?: never): Promise<void>;
}
/**
 * A call to a tool the server knows but does not offer (a write tool in read-only mode) gets the
 * SDK's "Tool X not found". The model then guesses at a typo; this says why instead, e.g. "Tool
 * write_query is not offered: the server runs in read-only mode (--read-only …)." Patched on the transport, like
 * redaction, because the SDK answers unknown tools before any handler of ours runs.
 */
export declare function explainUnavailable<T extends Sender>(transport: T, unavailable: ReadonlyMap<string, string>): T;
/** The app's instructions plus one line per reason naming the tools it keeps out, so a model asking knows. */
export declare function withUnavailable(instructions: string | undefined, unavailable: ReadonlyMap<string, string>): string | undefined;
export {};
