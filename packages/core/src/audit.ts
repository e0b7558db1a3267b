import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, renameSync, writeSync } from 'node:fs';
import type { AuthInfo, ServerContext } from '@modelcontextprotocol/server';
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

const KEEP_ROTATED = 5;
/** Longer argument strings (file contents, message bodies) are recorded as digest and size only. */
const MAX_ARG_CHARS = 200;

/**
 * One JSON line when a call starts and one when it ends, both written synchronously with O_APPEND:
 * a line is in the file before the call runs, so a crash mid-call still leaves its start (and
 * nothing is lost in a buffer). Calls pair up by `call`. Lines pass the server's redactor.
 */
export function openAuditLog(options: AuditLogOptions): AuditLog {
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  let fd = openSync(options.file, 'a', 0o600);
  let size = fstatSync(fd).size;

  const write = (record: Record<string, unknown>) => {
    const line = `${options.redact(JSON.stringify({ time: new Date().toISOString(), ...record }))}\n`;
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) rotate();
    writeSync(fd, line);
    size += bytes;
  };

  const rotate = () => {
    closeSync(fd);
    for (let n = KEEP_ROTATED - 1; n >= 1; n--) {
      if (existsSync(`${options.file}.${n}`)) renameSync(`${options.file}.${n}`, `${options.file}.${n + 1}`);
    }
    renameSync(options.file, `${options.file}.1`);
    fd = openSync(options.file, 'a', 0o600);
    size = 0;
  };

  return {
    begin({ tool, subject, era, args }) {
      const call = randomUUID();
      const started = performance.now();
      const notes: AuditNote = {};
      write({
        event: 'start',
        call,
        server: options.server,
        tool,
        subject,
        era,
        argsSha256: digest(canonicalJson(args)),
        ...(options.withArgs && { args: shortened(args) }),
      });
      return {
        note: (fields) => Object.assign(notes, fields),
        end: (outcome) =>
          write({
            event: 'end',
            call,
            server: options.server,
            tool,
            subject,
            outcome,
            ms: Math.round(performance.now() - started),
            ...notes,
          }),
      };
    },
    close: () => closeSync(fd),
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with object keys sorted at every depth: equal arguments give equal digests. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function shortened(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_ARG_CHARS ? { sha256: digest(value), bytes: Buffer.byteLength(value) } : value;
  }
  if (Array.isArray(value)) return value.map(shortened);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shortened(v)]));
  }
  return value;
}

/**
 * Who is calling, for the audit record: the OAuth subject when the token names one, the shared
 * bearer token, the 2025-era HTTP session, or the local user of a stdio connection.
 */
export function subjectOf(sdk: ServerContext): string {
  return subjectFrom(sdk.http?.authInfo, sdk.sessionId);
}

/** The same, from what a transport knows of a message: its auth info and the session. */
export function subjectFrom(auth: AuthInfo | undefined, sessionId: string | undefined): string {
  const sub = auth?.extra?.sub;
  if (typeof sub === 'string') return `sub:${sub}`;
  if (auth) return auth.clientId === 'static-token' ? 'token' : `client:${auth.clientId}`;
  if (sessionId) return `session:${sessionId}`;
  return 'local';
}
