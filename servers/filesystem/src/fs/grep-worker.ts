import { Worker } from 'node:worker_threads';
import { grepKernel, type LineMatch, type MatcherSpec } from './grep-kernel.js';

export interface GrepJob {
  matcher: MatcherSpec;
  maxSize: number;
  context: number;
  /** Matching lines (or files, with filesOnly) after which the worker stops scanning. */
  limit: number;
  filesOnly: boolean;
}

export interface BatchResult {
  scanned: number;
  /** Unreadable, over maxSize, or binary. */
  skipped: number;
  hits: Array<{ path: string; matches: LineMatch[] }>;
}

/**
 * The worker's side. Self-contained like grepKernel (its source text is what the worker runs).
 * Batches are answered in the order they arrive, and the worker counts toward `limit` itself, so
 * once the limit is reached the remaining batches are answered at once without reading a file.
 */
function workerMain(factory: typeof grepKernel, load: NodeJS.Require): void {
  const parentPort = (load('node:worker_threads') as typeof import('node:worker_threads')).parentPort!;
  const kernel = factory(load('node:fs'));
  let job: GrepJob;
  let matcher: ReturnType<typeof kernel.prepare>;
  let remaining = 0;
  parentPort.on('message', (msg: { job: GrepJob } | { paths: string[] }) => {
    if ('job' in msg) {
      job = msg.job;
      matcher = kernel.prepare(job.matcher);
      remaining = job.limit;
      return;
    }
    const out: BatchResult = { scanned: 0, skipped: 0, hits: [] };
    for (const path of msg.paths) {
      if (remaining <= 0) break;
      const matches = kernel.scanFile(path, matcher, job.maxSize, job.filesOnly ? 1 : remaining, job.context);
      if (!matches) {
        out.skipped++;
        continue;
      }
      out.scanned++;
      if (matches.length > 0) {
        out.hits.push({ path, matches });
        remaining -= job.filesOnly ? 1 : matches.length;
      }
    }
    parentPort.postMessage(out);
  });
}

/**
 * What a worker runs: the kernel and the worker's side, as source text (a worker gets no imports).
 * The worker's `require` is passed in by name from the text: a bundler rewrites `require` in the
 * functions' own bodies (into a helper the worker does not have), but not a parameter.
 */
const WORKER_SOURCE = `'use strict';\nconst grepKernel = ${grepKernel.toString()};\n(${workerMain.toString()})(grepKernel, require);`;

/** Workers kept between searches: starting one costs tens of milliseconds. */
const MAX_IDLE = 2;

/**
 * The search worker threads of one app. Idle ones are kept for the next search; `close` (with the
 * app) terminates them all, busy ones included, so no worker outlives the server that started it.
 */
export class GrepPool {
  readonly #idle: Worker[] = [];
  readonly #live = new Set<Worker>();
  #closed = false;

  /** Search workers alive now, idle ones included (a diagnostic: a cancelled search leaves none busy). */
  workers(): { live: number; idle: number } {
    return { live: this.#live.size, idle: this.#idle.length };
  }

  /** Starts one content search on a worker of the pool; throws once the pool is closed. */
  start(job: GrepJob, signal?: AbortSignal): GrepSession {
    if (this.#closed) throw new Error('The search workers are closed: the server is shutting down.');
    const worker = this.#idle.pop() ?? this.#spawn();
    return new GrepSession(worker, job, signal, (reusable) => {
      if (reusable && !this.#closed && this.#idle.length < MAX_IDLE) this.#idle.push(worker);
      else worker.terminate().catch(() => {});
    });
  }

  /** Terminates every worker; a search still running fails, and later ones are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#live].map((worker) => worker.terminate().catch(() => {})));
  }

  #spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'refmcp-search' });
    // A worker must never keep the server process alive, nor crash it from an idle moment.
    worker.unref();
    worker.on('error', () => {});
    this.#live.add(worker);
    worker.on('exit', () => {
      this.#live.delete(worker);
      const at = this.#idle.indexOf(worker);
      if (at !== -1) this.#idle.splice(at, 1);
    });
    return worker;
  }
}

/**
 * One content search on one worker thread: the walk stays on the main thread while the worker
 * reads and matches files with synchronous calls, which cost a fraction of one thread-pool round
 * trip per file. A search that is cancelled or fails terminates its worker, which is also what
 * stops a runaway regex: JavaScript cannot interrupt one any other way.
 */
export class GrepSession {
  #worker: Worker;
  /** Hands the worker back to its pool: `reusable` when it is idle and healthy. */
  #release: (reusable: boolean) => void;
  #waiting: Array<{ resolve: (r: BatchResult) => void; reject: (e: Error) => void }> = [];
  #failure: Error | undefined;
  #drained: (() => void) | undefined;
  #onMessage = (result: BatchResult) => {
    this.#waiting.shift()?.resolve(result);
    if (this.#waiting.length === 0) this.#drained?.();
  };
  #onError = (error: Error) => this.#fail(error);
  #onExit = (code: number) => this.#fail(new Error(`search worker exited (code ${code})`));

  #signal: AbortSignal | undefined;
  // A batch stuck in a slow regex never answers, so waiting callers must learn of the abort here.
  #onAbort = () => {
    this.#fail(Object.assign(new Error('The request was cancelled.'), { name: 'AbortError' }));
    this.#worker.terminate().catch(() => {});
  };

  constructor(
    worker: Worker,
    job: GrepJob,
    signal: AbortSignal | undefined,
    release: (reusable: boolean) => void,
  ) {
    this.#worker = worker;
    this.#release = release;
    this.#worker.on('message', this.#onMessage).on('error', this.#onError).on('exit', this.#onExit);
    this.#worker.postMessage({ job });
    this.#signal = signal;
    signal?.addEventListener('abort', this.#onAbort, { once: true });
    if (signal?.aborted) this.#onAbort();
  }

  submit(paths: string[]): Promise<BatchResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    const result = new Promise<BatchResult>((resolve, reject) => this.#waiting.push({ resolve, reject }));
    this.#worker.postMessage({ paths });
    // Callers consume in order and may stop early; a rejection they never await must not go unhandled.
    result.catch(() => {});
    return result;
  }

  /** Ends the session. `abandon` (cancelled or failed) terminates the worker mid-batch. */
  async close(abandon: boolean): Promise<void> {
    if (!abandon && !this.#failure && this.#waiting.length > 0) {
      // Batches sent after the limit was reached are answered without reading; wait for them so
      // the worker goes back to the pool idle.
      await new Promise<void>((resolve) => {
        this.#drained = resolve;
      });
    }
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#worker.off('message', this.#onMessage).off('error', this.#onError).off('exit', this.#onExit);
    this.#release(!abandon && !this.#failure && this.#waiting.length === 0);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const w of this.#waiting.splice(0)) w.reject(error);
    this.#drained?.();
  }
}
