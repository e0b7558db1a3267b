import { CancelledError, type Logger, TimeoutError } from '@refmcp/core';
import { translateError } from './errors.js';
import { RunnerProcess, type RunnerRequestBody } from './process.js';
import type { RunnerOptions } from './protocol.js';

export interface PoolOptions {
  file: string;
  readOnly: boolean;
  busyTimeoutMs: number;
  queryTimeoutMs: number;
  /** Reader processes; reads beyond this many wait in line. */
  readers: number;
  logger: Logger;
}

interface Job {
  body: RunnerRequestBody;
  signal: AbortSignal | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  settled: boolean;
}

/**
 * A FIFO queue in front of up to `size` runner processes with the same role, started on demand.
 * A request that runs past the timeout, or whose caller cancels, has its process killed: the
 * statement stops at once, and the next request gets a fresh process.
 */
class Lane {
  private readonly idle: RunnerProcess[] = [];
  private readonly live = new Set<RunnerProcess>();
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(
    private readonly options: RunnerOptions,
    private readonly size: number,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  submit<T>(body: RunnerRequestBody, signal: AbortSignal | undefined): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The database is closed.'));
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise<T>((resolve, reject) => {
      const job: Job = { body, signal, resolve: resolve as (v: unknown) => void, reject, settled: false };
      this.queue.push(job);
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let runner = this.idle.pop();
      if (!runner && this.live.size < this.size) runner = this.spawn();
      if (!runner) return;
      const job = this.queue.shift()!;
      if (job.settled) {
        this.idle.push(runner);
        continue;
      }
      void this.execute(runner, job);
    }
  }

  private spawn(): RunnerProcess {
    const runner = new RunnerProcess(this.options, (exited) => {
      this.live.delete(exited);
      const at = this.idle.indexOf(exited);
      if (at >= 0) this.idle.splice(at, 1);
    });
    this.live.add(runner);
    return runner;
  }

  private async execute(runner: RunnerProcess, job: Job): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const settle = (fn: () => void) => {
      if (job.settled) return;
      job.settled = true;
      clearTimeout(timer);
      job.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const stop = (error: Error) => {
      // Killing is the only way to stop a statement inside SQLite (see runner.js).
      runner.kill();
      settle(() => job.reject(error));
    };
    const onAbort = () => stop(new CancelledError('The query was cancelled and stopped.'));
    job.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await runner.run(job.body, () => {
        timer = setTimeout(() => {
          this.logger.warn('query timed out; worker killed', { ms: this.timeoutMs });
          stop(
            new TimeoutError(`The statement ran longer than ${this.timeoutMs} ms and was stopped.`, {
              hint: 'Narrow it (WHERE, LIMIT, an index: see explain_query), or raise --query-timeout.',
            }),
          );
        }, this.timeoutMs);
        timer.unref();
      });
      settle(() => job.resolve(result));
    } catch (error) {
      settle(() => job.reject(translateError(error)));
    }
    if (runner.alive && !this.closed) this.idle.push(runner);
    this.pump();
  }

  close(): void {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      if (!job.settled) job.reject(new Error('The database is closed.'));
    }
    for (const runner of this.live) runner.kill();
  }
}

/**
 * Every statement runs in a worker process, so that a slow one never blocks the server: reads on
 * a small pool of read-only connections, writes one at a time on a single read-write connection.
 */
export class DatabasePool {
  private readonly readers: Lane;
  private readonly writer: Lane | undefined;

  constructor(options: PoolOptions) {
    const base = { file: options.file, busyTimeoutMs: options.busyTimeoutMs };
    const log = options.logger;
    this.readers = new Lane({ ...base, role: 'reader' }, options.readers, options.queryTimeoutMs, log);
    // Security: in read-only mode no read-write connection exists at all.
    this.writer = options.readOnly
      ? undefined
      : new Lane({ ...base, role: 'writer' }, 1, options.queryTimeoutMs, log);
  }

  read<T>(body: RunnerRequestBody, signal?: AbortSignal): Promise<T> {
    return this.readers.submit<T>(body, signal);
  }

  write<T>(body: RunnerRequestBody, signal?: AbortSignal): Promise<T> {
    if (!this.writer) return Promise.reject(new Error('The database is open read-only.'));
    return this.writer.submit<T>(body, signal);
  }

  close(): void {
    this.readers.close();
    this.writer?.close();
  }
}
