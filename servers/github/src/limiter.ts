/**
 * The part of Bottleneck's API that Octokit's throttling and retry plugins use on the limiters
 * they are given: `Group#key`, `schedule` with priority and weight, and the `failed` event (a
 * number returned by a listener retries the job after that many milliseconds). Bottleneck
 * yields to the event loop with `setTimeout(fn, 0)` several times per job, and Node runs those
 * no sooner than 1 ms later, which cost every request about 15 ms on loopback. Here a job starts
 * synchronously when the concurrency and the spacing allow it; a timer runs only when one of
 * them, or a retry delay, asks for a wait.
 */

// biome-ignore lint/suspicious/noExplicitAny: listeners take whatever their event carries
type Listener = (...args: any[]) => unknown;

export interface LimiterOptions {
  /** Jobs of positive weight running at once; unlimited when absent or null. */
  maxConcurrent?: number | null;
  /** Milliseconds from one job's start to the next one's. */
  minTime?: number;
  /** Accepted for Bottleneck compatibility: `id`, `timeout` and the like change nothing here. */
  [other: string]: unknown;
}

export interface JobOptions {
  /** 0 (first) to 9; 5 by default. */
  priority?: number;
  /** How much of `maxConcurrent` the job takes; 0 runs it regardless (but still spaced). */
  weight?: number;
  [other: string]: unknown;
}

/** What a `failed` listener learns about the job, as Bottleneck passes it. */
export interface FailedInfo {
  args: unknown[];
  options: JobOptions;
  retryCount: number;
}

interface Job {
  task: (...args: unknown[]) => unknown;
  args: unknown[];
  options: JobOptions;
  priority: number;
  weight: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Bottleneck's event helper: installs `on`/`once` on a target; `trigger` answers for the listeners. */
export class Events {
  readonly #listeners = new Map<string, Array<{ cb: Listener; once: boolean }>>();

  constructor(target: object) {
    Object.assign(target, {
      on: (name: string, cb: Listener) => this.#add(name, cb, false),
      once: (name: string, cb: Listener) => this.#add(name, cb, true),
    });
  }

  #add(name: string, cb: Listener, once: boolean): void {
    this.#listeners.set(name, [...(this.#listeners.get(name) ?? []), { cb, once }]);
  }

  /** The first non-null answer of the listeners. One that throws raises `error` and counts as none. */
  async trigger(name: string, ...args: unknown[]): Promise<unknown> {
    const listeners = this.#listeners.get(name) ?? [];
    this.#listeners.set(
      name,
      listeners.filter((l) => !l.once),
    );
    const answers = await Promise.all(
      listeners.map(async ({ cb }) => {
        try {
          return await cb(...args);
        } catch (error) {
          if (name !== 'error') await this.trigger('error', error);
          return undefined;
        }
      }),
    );
    return answers.find((a) => a != null);
  }
}

export class Limiter {
  declare on: (name: string, cb: Listener) => void;
  declare once: (name: string, cb: Listener) => void;
  readonly #events = new Events(this);
  #maxConcurrent: number;
  #minTime: number;
  #running = 0;
  #nextStart = 0;
  #queue: Job[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(options: LimiterOptions = {}) {
    this.#maxConcurrent = options.maxConcurrent ?? Number.POSITIVE_INFINITY;
    this.#minTime = options.minTime ?? 0;
  }

  /** `schedule(task, ...args)` or `schedule(jobOptions, task, ...args)`: the task's result, in turn. */
  schedule<T>(...input: unknown[]): Promise<T> {
    const options = (typeof input[0] === 'function' ? {} : input.shift()) as JobOptions;
    const task = input.shift() as Job['task'];
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        task,
        args: input,
        options,
        priority: options.priority ?? 5,
        weight: options.weight ?? 1,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      const at = this.#queue.findIndex((queued) => queued.priority > job.priority);
      this.#queue.splice(at === -1 ? this.#queue.length : at, 0, job);
      this.#drain();
    });
  }

  wrap<A extends unknown[], T>(task: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
    return (...args) => this.schedule<T>(task, ...args);
  }

  updateSettings(options: LimiterOptions): this {
    if ('maxConcurrent' in options) this.#maxConcurrent = options.maxConcurrent ?? Number.POSITIVE_INFINITY;
    if (options.minTime !== undefined) this.#minTime = options.minTime;
    this.#drain();
    return this;
  }

  running(): number {
    return this.#running;
  }

  queued(): number {
    return this.#queue.length;
  }

  #drain(): void {
    for (let job = this.#queue[0]; job; job = this.#queue[0]) {
      if (job.weight > 0 && this.#running + job.weight > this.#maxConcurrent) return;
      const wait = this.#nextStart - Date.now();
      if (wait > 0) {
        this.#timer ??= setTimeout(() => {
          this.#timer = undefined;
          this.#drain();
        }, wait);
        return;
      }
      this.#queue.shift();
      this.#nextStart = Date.now() + this.#minTime;
      this.#running += job.weight;
      void this.#execute(job);
    }
  }

  /** Runs the job, again after each delay a `failed` listener returns; holds its slot meanwhile. */
  async #execute(job: Job): Promise<void> {
    const info: FailedInfo = { args: job.args, options: job.options, retryCount: 0 };
    try {
      for (;;) {
        try {
          job.resolve(await job.task(...job.args));
          return;
        } catch (error) {
          const retryAfter = await this.#events.trigger('failed', error, info);
          if (retryAfter == null) {
            job.reject(error);
            return;
          }
          info.retryCount++;
          const ms = Number(retryAfter) || 0;
          if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
        }
      }
    } finally {
      this.#running -= job.weight;
      this.#drain();
    }
  }
}

/** One limiter per key, all with the group's settings (Bottleneck.Group). */
export class LimiterGroup {
  readonly #limiters = new Map<string, Limiter>();

  constructor(readonly options: LimiterOptions = {}) {}

  key(key = ''): Limiter {
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = new Limiter(this.options);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }
}
