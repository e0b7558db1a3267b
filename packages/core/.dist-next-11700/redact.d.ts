/**
 * Removes known secret values (tokens, passwords) from text before it reaches a log line or a
 * client. Secrets are registered once at startup; matching is exact, so short values that would
 * redact ordinary words are ignored.
 */
export type Redactor = (text: string) => string;
export declare function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor;
/** True when `redact` can change nothing, so callers can skip walking large values. */
export declare const redactsNothing: (redact: Redactor) => boolean;
/** Every string in `value` (object keys included) passed through `redact`; other values kept. */
export declare function redactDeep<T>(value: T, redact: Redactor): T;
interface Sender {
    send(message: never, options?: never): Promise<void>;
}
/**
 * Security: every message an instance sends (tool results with their structured content and extra
 * blocks, resource contents, prompts, log notices, error data) passes `redact`, whatever code built
 * it. Patched on the transport itself rather than wrapped, so the SDK keeps the object it knows.
 */
export declare function redactOutgoing<T extends Sender>(transport: T, redact: Redactor): T;
export {};
