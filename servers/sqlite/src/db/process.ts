import { type ChildProcess, fork } from 'node:child_process';
import type { Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EncodedRowsBuilder } from './encoded-rows.js';
import type { EncodedRun, RunnerError, RunnerOptions, RunnerRequest, RunnerResponse } from './protocol.js';

/**
 * The runner sits next to this module in both layouts: src/db/ under vitest, dist/db/ when built.
 * It is plain JavaScript so that both can start it (see the comment at the top of runner.js).
 */
const RUNNER = fileURLToPath(new URL('./runner.js', import.meta.url));

export type RunnerRequestBody = RunnerRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'id'>
    : never
  : never;

/** A failure reported by the runner: SQLite's error, a bound-parameter error, or a refusal. */
export class RunnerFailure extends Error {
  readonly code: string | undefined;
  readonly kind: string;
  /** In a batch: which statement failed (0-based). */
  readonly index: number | undefined;

  constructor(error: RunnerError) {
    super(error.message);
    this.name = 'RunnerFailure';
    this.kind = error.name;
    this.code = error.code;
    this.index = error.index;
  }
}

/** Rows come as one JSON string (see packRows in reply.js): back to arrays here. */
function unpackRows(result: unknown): unknown {
  if (!result || typeof result !== 'object' || !('rowsJson' in result)) return result;
  const { rowsJson, ...rest } = result as { rowsJson: string };
  return { ...rest, rows: JSON.parse(rowsJson) as unknown };
}

/** The process died while it owed us an answer (killed by us, or crashed). */
export class RunnerExited extends Error {}

/**
 * One database worker process with at most one request in flight. The pool decides what runs
 * where and when to kill; this class only speaks the protocol.
 */
export class RunnerProcess {
  private readonly child: ChildProcess;
  private readonly ready: Promise<void>;
  private nextId = 1;
  private pending:
    | {
        id: number;
        resolve: (v: unknown) => void;
        reject: (e: Error) => void;
        /** An encoded read: its rows as they come (see EncodedRowsBuilder). */
        rows: EncodedRowsBuilder | undefined;
      }
    | undefined;
  private exited = false;
  private retiring = false;
  /** We killed it (a timeout, a cancellation, shutdown), rather than it dying by itself. */
  killed = false;

  constructor(options: RunnerOptions, onExit: (process: RunnerProcess) => void) {
    const lifeline = process.platform === 'linux';
    this.child = fork(RUNNER, [JSON.stringify({ ...options, ...(lifeline && { lifelineFd: 4 }) })], {
      // Security: stdout of a stdio server is the JSON-RPC channel; the runner never gets it.
      // Fd 4: the lifeline (see orphan-watch.js), a socket whose other end only this process holds.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc', ...(lifeline ? (['pipe'] as const) : [])],
      serialization: 'advanced',
      // Not the parent's flags (test runners, loaders, inspectors): a plain Node process.
      execArgv: [],
      // Relative paths in SQL (a file name in ATTACH, say) resolve next to the database, not
      // wherever the server was started; the checks refuse them either way.
      cwd: path.dirname(options.file),
    });
    // A send to a process that just died fails with EPIPE; its 'exit' settles the request.
    this.child.on('error', () => {});
    const lifelineEnd = this.child.stdio[4] as Socket | null | undefined;
    // Never a reason for the server to stay alive; closed when the worker exits, so that its
    // watching shell ends too.
    lifelineEnd?.on('error', () => {});
    lifelineEnd?.unref();
    // An idle runner must not keep the server alive; stdin or the HTTP listener does that.
    this.child.unref();
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (message: RunnerResponse) => {
        if ('part' in message) {
          if (this.pending?.id === message.id) this.pending.rows?.add(message.part, message.view);
        } else if ('ready' in message) {
          this.child.channel?.unref();
          resolve();
        } else if ('fatal' in message) reject(new RunnerFailure(message.fatal));
        else if (this.pending?.id === message.id) {
          // The process exits after this answer (see runner.js): take it out of service now.
          if (message.retire) this.retiring = true;
          const { resolve: done, reject: fail, rows } = this.pending;
          this.pending = undefined;
          if (!message.ok) fail(new RunnerFailure(message.error));
          else if (rows) done(rows.finish(message.result as EncodedRun));
          else done(unpackRows(message.result));
        }
      });
      this.child.once('exit', (code, signal) => {
        this.exited = true;
        lifelineEnd?.destroy();
        const error = new RunnerExited(`database worker exited (${signal ?? `code ${code}`})`);
        reject(error);
        this.pending?.reject(error);
        this.pending = undefined;
        onExit(this);
      });
    });
    // Whoever awaits `ready` sees the failure; this only keeps it from being "unhandled".
    this.ready.catch(() => {});
  }

  get alive(): boolean {
    return !this.exited && !this.retiring;
  }

  /** Resolves once the connection is open, then sends the request. `onSent` starts the clock. */
  async run<T>(body: RunnerRequestBody, onSent?: () => void): Promise<T> {
    await this.ready;
    if (this.exited) throw new RunnerExited('database worker exited');
    if (this.pending) throw new Error('runner already busy');
    const id = this.nextId++;
    const answer = new Promise<unknown>((resolve, reject) => {
      const rows = body.op === 'query' && body.encoded ? new EncodedRowsBuilder() : undefined;
      this.pending = { id, resolve, reject, rows };
    });
    // Owed an answer, the channel keeps the process alive; idle, it does not.
    this.child.channel?.ref();
    answer.then(
      () => this.child.channel?.unref(),
      () => this.child.channel?.unref(),
    );
    this.child.send({ ...body, id } as RunnerRequest, (error) => {
      if (error) this.kill();
    });
    onSent?.();
    return (await answer) as T;
  }

  /** Stops whatever the process is doing, immediately. */
  kill(): void {
    if (this.exited) return;
    this.killed = true;
    this.child.kill('SIGKILL');
  }
}
