/**
 * The error model every refmcp server shares. Tool handlers throw these; one boundary
 * (`toErrorResult`) turns them into `isError` results written for the model: what went wrong and
 * what to try next. Anything else is an internal error: logged in full on stderr, reported to the
 * model without stack traces or upstream dumps.
 */

export type ErrorKind =
  | 'invalid_input'
  | 'not_found'
  | 'permission_denied'
  | 'upstream'
  | 'config'
  | 'timeout'
  | 'cancelled';

export interface ToolErrorOptions {
  /** What the model (or user) should do next. Shown after the message. */
  hint?: string;
  cause?: unknown;
}

export class ToolError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;

  constructor(kind: ErrorKind, message: string, options: ToolErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.hint = options.hint;
  }
}

/** The arguments are wrong in a way the model can fix by calling again differently. */
export class InvalidInputError extends ToolError {
  constructor(message: string, options?: ToolErrorOptions) {
    super('invalid_input', message, options);
  }
}

export class NotFoundError extends ToolError {
  constructor(message: string, options?: ToolErrorOptions) {
    super('not_found', message, options);
  }
}

/** Outside the sandbox, a disabled capability, or refused by the operating system. */
export class PermissionDeniedError extends ToolError {
  constructor(message: string, options?: ToolErrorOptions) {
    super('permission_denied', message, options);
  }
}

/** A remote API (GitHub, Slack, …) refused or failed. `status` is the upstream HTTP status. */
export class UpstreamError extends ToolError {
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    message: string,
    options: ToolErrorOptions & { status?: number; retryAfterSeconds?: number } = {},
  ) {
    super('upstream', message, options);
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Bad command-line or environment configuration: reported once on stderr, exit code 2. */
export class ConfigError extends ToolError {
  constructor(message: string, options?: ToolErrorOptions) {
    super('config', message, options);
  }
}

export class TimeoutError extends ToolError {
  constructor(message: string, options?: ToolErrorOptions) {
    super('timeout', message, options);
  }
}

export class CancelledError extends ToolError {
  constructor(message = 'The request was cancelled.') {
    super('cancelled', message);
  }
}

const KIND_LABEL: Record<ErrorKind, string> = {
  invalid_input: 'Invalid input',
  not_found: 'Not found',
  permission_denied: 'Permission denied',
  upstream: 'Upstream error',
  config: 'Configuration error',
  timeout: 'Timed out',
  cancelled: 'Cancelled',
};

/** Node's system errors (`ENOENT`, `EACCES`, …) mapped onto the model's vocabulary. */
const SYSTEM_ERRORS: Record<string, (err: NodeJS.ErrnoException) => ToolError> = {
  ENOENT: (e) =>
    new NotFoundError(`No such file or directory: ${e.path ?? 'the given path'}`, {
      hint: 'Check the path with list_directory or search_files.',
    }),
  EEXIST: (e) => new InvalidInputError(`Already exists: ${e.path ?? 'the target'}`),
  ENOTDIR: (e) => new InvalidInputError(`Not a directory: ${e.path ?? 'a path component'}`),
  EISDIR: (e) => new InvalidInputError(`Is a directory, not a file: ${e.path ?? 'the given path'}`),
  ENOTEMPTY: (e) =>
    new InvalidInputError(`Directory not empty: ${e.path ?? 'the given path'}`, {
      hint: 'Pass recursive: true to delete it with its contents.',
    }),
  EACCES: (e) => new PermissionDeniedError(`The operating system denied access to ${e.path ?? 'the path'}`),
  EPERM: (e) =>
    new PermissionDeniedError(`The operating system denied the operation on ${e.path ?? 'the path'}`),
  EXDEV: () => new InvalidInputError('Cannot move across file systems.'),
  ELOOP: (e) =>
    new InvalidInputError(`Too many levels of symbolic links (a loop?) at ${e.path ?? 'the given path'}`),
  ENAMETOOLONG: () => new InvalidInputError('The path or one of its names is too long for the file system.'),
  // Conditions of the machine, not of the server's code: the user can act on them.
  ENOSPC: () =>
    new InvalidInputError('No space left on the device.', {
      hint: 'Tell the user the disk is full; nothing more can be written there until space is freed.',
    }),
  EDQUOT: () =>
    new InvalidInputError('The disk quota is used up.', {
      hint: 'Tell the user their quota is full; nothing more can be written there until space is freed.',
    }),
  EROFS: (e) => new PermissionDeniedError(`The file system holding ${e.path ?? 'the path'} is read-only.`),
  EFBIG: () => new InvalidInputError('The file would be larger than the file system allows.'),
  EBUSY: (e) =>
    new InvalidInputError(`Busy: ${e.path ?? 'the path'} is in use (a mount point, or locked).`, {
      hint: 'Try again later or choose another path.',
    }),
  // A special file (a device, a pipe, some /proc files) that has nothing to read without waiting.
  EAGAIN: (e) =>
    new InvalidInputError(
      `${e.path ?? 'The file'} cannot be read without waiting: it is not a regular file.`,
    ),
};

/** Turns anything thrown into a ToolError, or undefined when it is an unexpected (internal) error. */
export function asToolError(error: unknown): ToolError | undefined {
  if (error instanceof ToolError) return error;
  if (error instanceof Error && error.name === 'AbortError') return new CancelledError();
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && SYSTEM_ERRORS[code]) {
    return SYSTEM_ERRORS[code](error as NodeJS.ErrnoException);
  }
  return undefined;
}

/** The text the model reads for an error. */
export function describeError(error: ToolError): string {
  const text = `${KIND_LABEL[error.kind]}: ${error.message}`;
  return error.hint ? `${text}\n${error.hint}` : text;
}
