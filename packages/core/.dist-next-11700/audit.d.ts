import type { ServerContext } from '@modelcontextprotocol/server';
import type { Redactor } from './redact.js';
/** What a tool may add to its call's record: who confirmed it, which upstream account acted. */
export interface AuditNote {
    confirmedBy?: string;
    upstream?: string;
}
export interface AuditStart {
    tool: string;
    /** Who called: `sub:<oauth subject>`, `token` (static bearer), `session:<id>`, or `local`. */
    subject: string;
    era: 'legacy' | 'modern';
    args: unknown;
}
export interface AuditCall {
    note(fields: AuditNote): void;
    /** `ok`, an error kind (`invalid_input`, `timeout`, `internal`…), or `declined`. */
    end(outcome: string): void;
}
export interface AuditLog {
    begin(call: AuditStart): AuditCall;
    close(): void;
}
export interface AuditLogOptions {
    file: string;
    server: string;
    /** Also record the arguments (redacted, long strings replaced by their digest). */
    withArgs?: boolean;
    /** The file is rotated to `<file>.1` (… `.5`) before it would pass this size. */
    maxBytes?: number;
    redact: Redactor;
}
/**
 * One JSON line when a call starts and one when it ends, both written synchronously with O_APPEND:
 * a line is in the file before the call runs, so a crash mid-call still leaves its start (and
 * nothing is lost in a buffer). Calls pair up by `call`. Lines pass the server's redactor.
 */
export declare function openAuditLog(options: AuditLogOptions): AuditLog;
/** JSON with object keys sorted at every depth: equal arguments give equal digests. */
export declare function canonicalJson(value: unknown): string;
/**
 * Who is calling, for the audit record: the OAuth subject when the token names one, the shared
 * bearer token, the 2025-era HTTP session, or the local user of a stdio connection.
 */
export declare function subjectOf(sdk: ServerContext): string;
