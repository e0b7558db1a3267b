/**
 * The error model every refmcp server shares. Tool handlers throw these; one boundary
 * (`toErrorResult`) turns them into `isError` results written for the model: what went wrong and
 * what to try next. Anything else is an internal error: logged in full on stderr, reported to the
 * model without stack traces or upstream dumps.
 */
export type ErrorKind = 'invalid_input' | 'not_found' | 'permission_denied' | 'upstream' | 'config' | 'timeout' | 'cancelled';
export interface ToolErrorOptions {
    /** What the model (or user) should do next. Shown after the message. */
    hint?: string;
    cause?: unknown;
}
export declare class ToolError extends Error {
    readonly kind: ErrorKind;
    readonly hint: string | undefined;
    constructor(kind: ErrorKind, message: string, options?: ToolErrorOptions);
}
/** The arguments are wrong in a way the model can fix by calling again differently. */
export declare class InvalidInputError extends ToolError {
    constructor(message: string, options?: ToolErrorOptions);
}
export declare class NotFoundError extends ToolError {
    constructor(message: string, options?: ToolErrorOptions);
}
/** Outside the sandbox, a disabled capability, or refused by the operating system. */
export declare class PermissionDeniedError extends ToolError {
    constructor(message: string, options?: ToolErrorOptions);
}
/** A remote API (GitHub, Slack, …) refused or failed. `status` is the upstream HTTP status. */
export declare class UpstreamError extends ToolError {
    readonly status: number | undefined;
    readonly retryAfterSeconds: number | undefined;
    constructor(message: string, options?: ToolErrorOptions & {
        status?: number;
        retryAfterSeconds?: number;
    });
}
/** Bad command-line or environment configuration: reported once on stderr, exit code 2. */
export declare class ConfigError extends ToolError {
    constructor(message: string, options?: ToolErrorOptions);
}
export declare class TimeoutError extends ToolError {
    constructor(message: string, options?: ToolErrorOptions);
}
export declare class CancelledError extends ToolError {
    constructor(message?: string);
}
/** Turns anything thrown into a ToolError, or undefined when it is an unexpected (internal) error. */
export declare function asToolError(error: unknown): ToolError | undefined;
/** The text the model reads for an error. */
export declare function describeError(error: ToolError): string;
