import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@modelcontextprotocol/client';

export interface Pressure<T> {
  /** What `work` returned, or the error it threw. */
  outcome: { ok: true; value: T } | { ok: false; error: unknown };
  /** The slowest ping answered while the work ran (ms); a frozen event loop shows up here. */
  maxPingMs: number;
  /** How many pings were answered while the work ran. */
  pings: number;
  /** The server process's peak resident memory in bytes (Linux `VmHWM`), when its pid is known. */
  peakRssBytes: number | undefined;
}

/**
 * Runs `work` (usually one hostile call) while pinging the same server through `pinger` every
 * `intervalMs`, and reports how late the pings came back and how much memory the server process
 * reached. For hostile-input tests: a server shared by many users must keep answering while any
 * single call runs. Assert generous bounds in tests; the bench measures the real numbers.
 */
export async function underPressure<T>(
  pinger: Client,
  pid: number | null | undefined,
  work: () => Promise<T>,
  { intervalMs = 50 }: { intervalMs?: number } = {},
): Promise<Pressure<T>> {
  let done = false;
  let maxPingMs = 0;
  let pings = 0;
  const pinging = (async () => {
    while (!done) {
      const started = performance.now();
      await pinger.ping().catch(() => {});
      maxPingMs = Math.max(maxPingMs, performance.now() - started);
      pings++;
      if (!done) await sleep(intervalMs);
    }
  })();
  const outcome = await work().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  done = true;
  // A ping sent while the server was stuck answers late: it still counts.
  await pinging;
  return { outcome, maxPingMs: Math.round(maxPingMs), pings, peakRssBytes: await peakRss(pid) };
}

async function peakRss(pid: number | null | undefined): Promise<number | undefined> {
  if (!pid) return undefined;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : undefined;
}
