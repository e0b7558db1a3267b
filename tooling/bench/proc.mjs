// Process facts from Linux /proc, for the memory columns: the bench has no portable way to read a
// child's peak memory or to find the processes it started.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { childrenOf } from '@refmcp/core/testing';

/** Whether /proc can answer (Linux); elsewhere the memory rows say so instead of a number. */
export const hasProc = () => existsSync('/proc/self/status');

/** Pids whose parent is `pid`. */
export { childrenOf };

/** `pid` and every process below it, parents first. */
export function processTree(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...childrenOf(out[i]));
  return out;
}

/** Peak resident memory of one process (VmHWM), in bytes; 0 once it has gone. */
export function peakRss(pid) {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** The same for a process and all its descendants (each one's own peak, added up). */
export const treePeakRss = (pid) => processTree(pid).reduce((sum, p) => sum + peakRss(p), 0);

let ticksPerSecond;
/** CPU time (user + system) a process has used so far, in ms; NaN once it has gone. */
export function cpuMs(pid) {
  ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // utime and stime are fields 14 and 15; the name in (…) may hold spaces, so count after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return Number.NaN;
  }
}
