import { UpstreamError } from '@refmcp/core';

/**
 * One cached list (users or channels): fresh for `ttlMs`, loaded once at a time, a stale copy
 * served while a refresh runs. A failed load is remembered only until the next call retries it.
 */
export class CachedList<T> {
  private value: T[] | undefined;
  private loadedAt = 0;
  private pending: Promise<T[]> | undefined;

  constructor(
    private readonly load: () => Promise<T[]>,
    private readonly ttlMs: number,
    private readonly now: () => number,
    /** Called once a load from upstream is in place (not for a seeded copy). */
    private readonly onLoaded: () => void = () => {},
  ) {}

  private refresh(): Promise<T[]> {
    this.pending ??= this.load()
      .then((value) => {
        this.value = value;
        this.loadedAt = this.now();
        this.onLoaded();
        return value;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  private fresh(): boolean {
    return this.value !== undefined && this.now() - this.loadedAt < this.ttlMs;
  }

  /** The list, loading it when missing; a stale list is returned at once and refreshed behind. */
  async get(): Promise<T[]> {
    if (this.fresh()) return this.value!;
    if (this.value) {
      this.refresh().catch(() => {});
      return this.value;
    }
    return this.refresh();
  }

  /** Like get(), but gives up after `waitMs` so a slow first load cannot hold a call for long. */
  async within(waitMs: number, what: string): Promise<T[]> {
    const list = await this.peekOrThrow(waitMs);
    if (list) return list;
    throw new UpstreamError(`The ${what} directory is still loading.`, {
      hint: `Try again in a few seconds${what === 'channel' ? ', or pass a channel ID (C…) instead of a #name' : ''}.`,
    });
  }

  private async peekOrThrow(waitMs: number): Promise<T[] | undefined> {
    if (this.value) return this.get();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    try {
      return await Promise.race([this.refresh(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whatever is known within `waitMs`, or undefined: for output that can fall back to IDs. */
  peek(waitMs: number): Promise<T[] | undefined> {
    return this.peekOrThrow(waitMs).catch(() => undefined);
  }

  known(): T[] | undefined {
    return this.value;
  }

  /** Forgets the list, so the next call loads it again. */
  invalidate(): void {
    this.value = undefined;
  }

  /** Starts from a copy saved earlier (the directory file), as if loaded at `loadedAt`. */
  seed(value: T[], loadedAt: number): void {
    if (this.value !== undefined) return;
    this.value = value;
    this.loadedAt = loadedAt;
  }
}
