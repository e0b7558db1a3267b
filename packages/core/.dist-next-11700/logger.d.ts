import type { Redactor } from './redact.js';
/**
 * Structured logging to stderr. On stdio, stdout carries JSON-RPC and a single stray byte there
 * breaks the client, so nothing in refmcp ever logs to stdout.
 */
export declare const LOG_LEVELS: readonly ['debug', 'info', 'warn', 'error', 'silent'];
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
export declare function isLogLevel(value: string): value is LogLevel;
export declare function createLogger(options: LoggerOptions): Logger;
type ClientLevel = 'debug' | 'info' | 'warning' | 'error';
export type ClientLogSender = (level: ClientLevel, data: unknown, logger?: string) => Promise<void>;
/**
 * A logger that also sends each line to the client as an MCP log notification. The SDK applies the
 * client's `logging/setLevel` filter; a failed send (closed stream, era without push) is ignored.
 */
export declare function echoToClient(logger: Logger, name: string, send: ClientLogSender): Logger;
export {};
