/**
 * The error model every refmcp server shares. Tool handlers throw these; one boundary
 * (`toErrorResult`) turns them into `isError` results written for the model: what went wrong and
 * what to try next. Anything else is an internal error: logged in full on stderr, reported to the
 * model without stack traces or upstream dumps.
 */
export class ToolError extends Error {
    kind;
    hint;
    constructor(kind, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = new.target.name;
        this.kind = kind;
        this.hint = options.hint;
    }
}
/** The arguments are wrong in a way the model can fix by calling again differently. */
export class InvalidInputError extends ToolError {
    constructor(message, options) {
        super('invalid_input', message, options);
    }
}
export class NotFoundError extends ToolError {
    constructor(message, options) {
        super('not_found', message, options);
    }
}
/** Outside the sandbox, a disabled capability, or refused by the operating system. */
export class PermissionDeniedError extends ToolError {
    constructor(message, options) {
        super('permission_denied', message, options);
    }
}
/** A remote API (GitHub, Slack, …) refused or failed. `status` is the upstream HTTP status. */
export class UpstreamError extends ToolError {
    status;
    retryAfterSeconds;
    constructor(message, options = {}) {
        super('upstream', message, options);
        this.status = options.status;
        this.retryAfterSeconds = options.retryAfterSeconds;
    }
}
/** Bad command-line or environment configuration: reported once on stderr, exit code 2. */
export class ConfigError extends ToolError {
    constructor(message, options) {
        super('config', message, options);
    }
}
export class TimeoutError extends ToolError {
    constructor(message, options) {
        super('timeout', message, options);
    }
}
export class CancelledError extends ToolError {
    constructor(message = 'The request was cancelled.') {
        super('cancelled', message);
    }
}
const KIND_LABEL = {
    invalid_input: 'Invalid input',
    not_found: 'Not found',
    permission_denied: 'Permission denied',
    upstream: 'Upstream error',
    config: 'Configuration error',
    timeout: 'Timed out',
    cancelled: 'Cancelled',
};
/** Node's system errors (`ENOENT`, `EACCES`, …) mapped onto the model's vocabulary. */
const SYSTEM_ERRORS = {
    ENOENT: (e) => new NotFoundError(`No such file or directory: ${e.path ?? 'the given path'}`, {
        hint: 'Check the path with list_directory or search_files.',
    }),
    EEXIST: (e) => new InvalidInputError(`Already exists: ${e.path ?? 'the target'}`),
    ENOTDIR: (e) => new InvalidInputError(`Not a directory: ${e.path ?? 'a path component'}`),
    EISDIR: (e) => new InvalidInputError(`Is a directory, not a file: ${e.path ?? 'the given path'}`),
    ENOTEMPTY: (e) => new InvalidInputError(`Directory not empty: ${e.path ?? 'the given path'}`, {
        hint: 'Pass recursive: true to delete it with its contents.',
    }),
    EACCES: (e) => new PermissionDeniedError(`The operating system denied access to ${e.path ?? 'the path'}`),
    EPERM: (e) => new PermissionDeniedError(`The operating system denied the operation on ${e.path ?? 'the path'}`),
    EXDEV: () => new InvalidInputError('Cannot move across file systems.'),
    ELOOP: (e) => new InvalidInputError(`Too many levels of symbolic links (a loop?) at ${e.path ?? 'the given path'}`),
    ENAMETOOLONG: () => new InvalidInputError('The path or one of its names is too long for the file system.'),
};
/** Turns anything thrown into a ToolError, or undefined when it is an unexpected (internal) error. */
export function asToolError(error) {
    if (error instanceof ToolError)
        return error;
    if (error instanceof Error && error.name === 'AbortError')
        return new CancelledError();
    const code = error?.code;
    if (typeof code === 'string' && SYSTEM_ERRORS[code]) {
        return SYSTEM_ERRORS[code](error);
    }
    return undefined;
}
/** The text the model reads for an error. */
export function describeError(error) {
    const text = `${KIND_LABEL[error.kind]}: ${error.message}`;
    return error.hint ? `${text}\n${error.hint}` : text;
}
