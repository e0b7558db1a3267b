import type { Redactor } from './redact.js';

/**
 * Structured logging to stderr. On stdio, stdout carries JSON-RPC and a single stray byte there
 * breaks the client, so nothing in refmcp ever logs to stdout.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  readonly level: LogLevel;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(name: string): Logger;
  /** The same logger, also removing the values `redact` removes. */
  withRedaction(redact: Redactor): Logger;
}

export interface LoggerOptions {
  name: string;
  level?: LogLevel;
  redact?: Redactor;
  /** Where lines go; stderr unless a test captures them. */
  write?: (line: string) => void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? 'info';
  const redact = options.redact ?? ((text: string) => text);
  const write = options.write ?? ((line: string) => process.stderr.write(line));

  const emit = (at: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
    if (RANK[at] < RANK[level]) return;
    const record = {
      time: new Date().toISOString(),
      level: at,
      logger: options.name,
      msg: message,
      ...fields,
    };
    write(`${redact(JSON.stringify(record, errorReplacer))}\n`);
  };

  return {
    level,
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (name) => createLogger({ ...options, level, name: `${options.name}:${name}` }),
    withRedaction: (more) => createLogger({ ...options, level, redact: (text) => more(redact(text)) }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

type ClientLevel = 'debug' | 'info' | 'warning' | 'error';
export type ClientLogSender = (level: ClientLevel, data: unknown, logger?: string) => Promise<void>;

/**
 * A logger that also sends each line to the client as an MCP log notification. The SDK applies the
 * client's `logging/setLevel` filter; a failed send (closed stream, era without push) is ignored.
 */
export function echoToClient(logger: Logger, name: string, send: ClientLogSender): Logger {
  const both =
    (at: Exclude<LogLevel, 'silent'>, clientLevel: ClientLevel) => (message: string, fields?: LogFields) => {
      logger[at](message, fields);
      send(clientLevel, fields ? { message, ...fields } : message, name).catch(() => {});
    };
  return {
    level: logger.level,
    debug: both('debug', 'debug'),
    info: both('info', 'info'),
    warn: both('warn', 'warning'),
    error: both('error', 'error'),
    child: (child) => echoToClient(logger.child(child), `${name}:${child}`, send),
    withRedaction: (redact) => echoToClient(logger.withRedaction(redact), name, send),
  };
}
