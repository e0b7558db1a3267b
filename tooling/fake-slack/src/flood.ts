import type { ServerResponse } from 'node:http';

/**
 * Writes `before`, then `count` items taken in turn from `items` as a JSON array's elements, then
 * `after`, without a Content-Length (chunked), minding backpressure. Stops as soon as the client
 * hangs up, so a client that refuses a huge answer costs the fake nothing more.
 */
export async function streamRepeated(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  parts: { before: string; items: readonly unknown[]; count: number; after: string },
): Promise<void> {
  if (parts.items.length === 0) throw new Error('nothing to repeat: the real answer has no items');
  const encoded = parts.items.map((item) => JSON.stringify(item));
  const closed = new Promise<void>((resolve) => res.once('close', resolve));
  const drained = () => new Promise<void>((resolve) => res.once('drain', resolve));
  res.writeHead(status, headers);
  let chunk = parts.before;
  for (let n = 0; n < parts.count; n++) {
    chunk += (n > 0 ? ',' : '') + encoded[n % encoded.length];
    if (chunk.length < 64 * 1024) continue;
    if (res.destroyed) return;
    if (!res.write(chunk)) await Promise.race([drained(), closed]);
    chunk = '';
  }
  if (!res.destroyed) res.end(chunk + parts.after);
}
