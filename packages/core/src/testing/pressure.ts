import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@modelcontextprotocol/client';

export interface Pressure<T> {
  /** What `work` returned, or the error it threw. */
  outcome: { ok: true; value: T } | { ok: false; error: unknown };
  /** The slowest ping answered while the work ran (ms of wall time: grows with the machine's load). */
  maxPingMs: number;
  /** How many pings were answered while the work ran. */
  pings: number;
  /**
   * CPU time the server's main thread spent while the work ran (ms, Linux), when its pid is known.
   * No ping can wait on the server's event loop for longer than this on an idle machine, and
   * unlike wall time it does not grow while the process waits for a CPU: the bound to assert.
   */
  mainThreadCpuMs: number | undefined;
  /** The server process's peak resident memory in bytes (Linux `VmHWM`), when its pid is known. */
  peakRssBytes: number | undefined;
}

/**
 * The most CPU one hostile call may cost a server's main thread, in ms. The heaviest legal calls in
 * the hostile suites cost 0.6 s on an idle machine; a frozen event loop (a backtracking glob, a
 * 50 MB JSON.parse) costs seconds to minutes.
 */
export const MAIN_THREAD_CPU_BUDGET_MS = 2000;

/**
 * Runs `work` (usually one hostile call) while pinging the same server through `pinger` every
 * `intervalMs`, and reports what the call cost the server: its main thread's CPU time (what holds
 * pings back) and its peak memory. For hostile-input tests: a server shared by many users must keep
 * answering while any single call runs. Tests bound the CPU time and memory, which a slow machine
 * does not change; wall-clock ping latency belongs to the bench (`--only responsiveness`).
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
  const cpuBefore = await mainThreadCpuMs(pid);
  const pinging = (async () => {
    while (!done) {
      const started = performance.now();
      const answered = await pinger.ping().then(
        () => true,
        () => false,
      );
      maxPingMs = Math.max(maxPingMs, performance.now() - started);
      if (answered) pings++;
      if (!done) await sleep(intervalMs);
    }
  })();
  const outcome = await work().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const cpuAfter = await mainThreadCpuMs(pid);
  done = true;
  // A ping sent while the server was stuck answers late: it still counts.
  await pinging;
  return {
    outcome,
    maxPingMs: Math.round(maxPingMs),
    pings,
    mainThreadCpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    peakRssBytes: await peakRss(pid),
  };
}

async function peakRss(pid: number | null | undefined): Promise<number | undefined> {
  if (!pid) return undefined;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : undefined;
}

/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every common platform. */
const MS_PER_TICK = 10;

/** User + system CPU time of the process's main thread (its task id is the pid), in ms. */
async function mainThreadCpuMs(pid: number | null | undefined): Promise<number | undefined> {
  if (!pid) return undefined;
  const stat = await readFile(`/proc/${pid}/task/${pid}/stat`, 'utf8').catch(() => '');
  // The command name in parentheses may hold spaces; the fields after it start with the state
  // (field 3), so utime (field 14) and stime (field 15) are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) * MS_PER_TICK : undefined;
}
