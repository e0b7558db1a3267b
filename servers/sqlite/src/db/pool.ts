import { CancelledError, InvalidInputError, type Logger, TimeoutError } from '@refmcp/core';
import { translateError } from './errors.js';
import { InProcessReads } from './in-process.js';
import { RunnerExited, RunnerProcess, type RunnerRequestBody } from './process.js';
import type { ReadResult, RunnerOptions } from './protocol.js';

export interface PoolOptions {
  file: string;
  /** Databases attached read-only to every connection, under their names. */
  attach?: Array<{ name: string; file: string }>;
  readOnly: boolean;
  busyTimeoutMs: number;
  queryTimeoutMs: number;
  /** Reader processes; reads beyond this many wait in line. */
  readers: number;
  /** Text cells longer than this are cut in the worker (see cells.js). */
  maxCellBytes: number;
  /** Rows stop at this many bytes of reply, in the worker. */
  maxResultBytes: number;
  logger: Logger;
}

interface Job {
  body: RunnerRequestBody;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  settled: boolean;
  /** The process running it, once it left the queue. */
  runner?: RunnerProcess;
  /** Set when we ended the job (cancel, timeout): its process was killed on purpose. */
  stopped?: boolean;
  /** Removes the abort listener and the timer. */
  cleanup: () => void;
}

export interface SubmitOptions {
  /**
   * Housekeeping (the schema poll): runs only on a process already started and idle, after every
   * call waiting. It never starts a process of its own: at connect the first poll and the first
   * call would otherwise start two (60 MB each) where one serves both.
   */
  background?: boolean;
}

/**
 * A FIFO queue in front of up to `size` runner processes with the same role, started on demand.
 * A request that runs past the timeout, or whose caller cancels (the tool's signal: the client's
 * cancellation or the tool timeout), ends at once: if it waits in line it leaves the line, if it
 * runs its process is killed (the statement stops there) and replaced.
 */
class Lane {
  private readonly idle: RunnerProcess[] = [];
  private readonly live = new Set<RunnerProcess>();
  private readonly queue: Job[] = [];
  private readonly background: Job[] = [];
  private closed = false;

  constructor(
    private readonly options: RunnerOptions,
    private readonly size: number,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
    /** The server runs with --read-only: a refused write then points at the mode, not at write_query. */
    private readonly readOnlyServer = false,
  ) {}

  submit<T>(
    body: RunnerRequestBody,
    signal: AbortSignal | undefined,
    { background = false }: SubmitOptions = {},
  ): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The database is closed.'));
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => this.stop(job, new CancelledError('The query was cancelled and stopped.'));
      const job: Job = {
        body,
        resolve: resolve as (v: unknown) => void,
        reject,
        settled: false,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      // Listening from the moment the job is queued: a call cancelled while it waits must never
      // start its statement.
      signal?.addEventListener('abort', onAbort, { once: true });
      (background ? this.background : this.queue).push(job);
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let runner = this.idle.pop();
      if (!runner && this.live.size < this.size) runner = this.spawn();
      if (!runner) return;
      void this.execute(runner, this.queue.shift()!);
    }
    while (this.background.length > 0 && this.idle.length > 0) {
      void this.execute(this.idle.pop()!, this.background.shift()!);
    }
  }

  private spawn(): RunnerProcess {
    const runner = new RunnerProcess(this.options, (exited) => {
      this.live.delete(exited);
      const at = this.idle.indexOf(exited);
      if (at >= 0) this.idle.splice(at, 1);
      // One we killed is replaced at once, so the next call finds a process ready; one that died
      // by itself is not (it may die again the same way), the next call starts one on demand.
      if (exited.killed && !this.closed && this.queue.length === 0 && this.live.size < this.size) {
        this.idle.push(this.spawn());
      }
      this.pump();
    });
    this.live.add(runner);
    return runner;
  }

  private settle(job: Job, fn: () => void): void {
    if (job.settled) return;
    job.settled = true;
    job.cleanup();
    fn();
  }

  /** Ends a job now: out of the line if it waits, its process killed if it runs. */
  private stop(job: Job, error: Error): void {
    if (job.settled) return;
    job.stopped = true;
    for (const line of [this.queue, this.background]) {
      const at = line.indexOf(job);
      if (at >= 0) line.splice(at, 1);
    }
    // Killing is the only way to stop a statement inside SQLite (see runner.js).
    job.runner?.kill();
    this.settle(job, () => job.reject(error));
  }

  private async execute(runner: RunnerProcess, job: Job): Promise<void> {
    job.runner = runner;
    let timer: NodeJS.Timeout | undefined;
    const cleanup = job.cleanup;
    job.cleanup = () => {
      clearTimeout(timer);
      cleanup();
    };
    try {
      const result = await runner.run(job.body, () => {
        timer = setTimeout(() => {
          this.logger.warn('query timed out; worker killed', { ms: this.timeoutMs });
          this.stop(
            job,
            new TimeoutError(`The statement ran longer than ${this.timeoutMs} ms and was stopped.`, {
              hint: 'Narrow it (WHERE, LIMIT, an index: see explain_query), or raise --query-timeout.',
            }),
          );
        }, this.timeoutMs);
        timer.unref();
      });
      this.settle(job, () => job.resolve(result));
    } catch (error) {
      this.settle(job, () => job.reject(this.failure(error, job)));
    }
    if (runner.alive && !this.closed) this.idle.push(runner);
    this.pump();
  }

  /** A process that died under a statement we did not stop: it ran out of memory, or crashed. */
  private failure(error: unknown, job: Job): unknown {
    if (!(error instanceof RunnerExited) || job.stopped) return translateError(error, this.readOnlyServer);
    this.logger.error('database worker died running a statement', { error: error.message });
    return new InvalidInputError(
      `The database worker running this statement died (${error.message}), most likely out of memory; nothing the statement did was kept.`,
      {
        hint: 'Ask for less at once: fewer rows or columns, shorter values (substr()), or a narrower query.',
      },
    );
  }

  close(): void {
    this.closed = true;
    for (const job of [...this.queue.splice(0), ...this.background.splice(0)]) {
      this.settle(job, () => job.reject(new Error('The database is closed.')));
    }
    for (const runner of this.live) runner.kill();
  }
}

/**
 * Every statement runs in a worker process, so that a slow one never blocks the server: reads on
 * a small pool of read-only connections, writes one at a time on a single read-write connection.
 * The exception: a read whose cost is bounded before it starts (in-process.ts).
 */
export class DatabasePool {
  private readonly readers: Lane;
  private readonly writer: Lane | undefined;
  private readonly inProcess: InProcessReads | undefined;

  constructor(options: PoolOptions) {
    const base = {
      file: options.file,
      busyTimeoutMs: options.busyTimeoutMs,
      maxCellBytes: options.maxCellBytes,
      maxResultBytes: options.maxResultBytes,
      attach: options.attach ?? [],
    };
    const log = options.logger;
    this.readers = new Lane(
      { ...base, role: 'reader' },
      options.readers,
      options.queryTimeoutMs,
      log,
      options.readOnly,
    );
    // Security: in read-only mode no read-write connection exists at all.
    this.writer = options.readOnly
      ? undefined
      : new Lane({ ...base, role: 'writer' }, 1, options.queryTimeoutMs, log);
    // Attached databases would need measuring too; their reads keep to the workers.
    this.inProcess =
      base.attach.length > 0
        ? undefined
        : new InProcessReads({
            ...base,
            logger: log,
            measure: () =>
              this.readers
                .submit<{ maxPayload: number }>({ op: 'payload' }, undefined, { background: true })
                .then((r) => r.maxPayload),
          });
  }

  read<T>(body: RunnerRequestBody, signal?: AbortSignal, options?: SubmitOptions): Promise<T> {
    const inProcess = this.inProcess;
    if (inProcess && body.op === 'query' && body.mode === 'read' && !signal?.aborted) {
      const rows = inProcess.tryRead(body.sql, body.params, body.offset, body.limit);
      if (rows) return Promise.resolve(rows as T);
      if (inProcess.wantsVerdict(body.sql)) {
        return this.readers
          .submit<ReadResult>({ ...body, classify: true }, signal, options)
          .then(({ verdict, ...result }) => {
            if (verdict) inProcess.learn(body.sql, verdict);
            return result as T;
          });
      }
    }
    return this.readers.submit<T>(body, signal, options);
  }

  write<T>(body: RunnerRequestBody, signal?: AbortSignal): Promise<T> {
    if (!this.writer) return Promise.reject(new Error('The database is open read-only.'));
    return this.writer.submit<T>(body, signal);
  }

  /** What in-process.ts answered; undefined when this database's reads all go to workers. */
  inProcessStats(): ReturnType<InProcessReads['stats']> | undefined {
    return this.inProcess?.stats();
  }

  close(): void {
    this.inProcess?.close();
    this.readers.close();
    this.writer?.close();
  }
}
