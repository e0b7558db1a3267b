import { throwIfAborted } from '@refmcp/core';

/**
 * Maps with at most `limit` calls in flight, keeping the input order. Bounded so a directory of
 * 100k entries does not queue 100k system calls at once on libuv's small thread pool.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      if (signal) throwIfAborted(signal);
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
