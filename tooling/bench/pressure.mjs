// One call on a fresh server process while the same connection is pinged, for the responsiveness
// suite: how long the call took, how long the server left a ping unanswered meanwhile (a blocked
// event loop shows up here and nowhere else), and how much memory it reached. A fresh process per
// call makes its peak resident memory (VmHWM) that call's.

import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { BenchError, benchRoot } from './lib.mjs';
import { hasProc, peakRss, processTree } from './proc.mjs';

const MiB = 1024 * 1024;
const LOOP_PROBE = pathToFileURL(path.join(benchRoot, 'loop-probe.mjs')).href;
const PROBE_TAG = 'refmcp-loop-probe ';

/**
 * Spawns `node <args>`, optionally runs `warm` (a cheap call, so lazy start-up such as worker
 * processes is not billed to the attack), then calls `tool` with `input` while pinging every
 * `intervalMs`. A call still running after `limitMs` is stopped, its process tree killed, and
 * reported as `timed out`: its time and slowest ping are then lower bounds.
 *
 * Returns `{ ms, outcome, text, maxPingMs, pings, rssServerMB, rssTreeMB, processes, stallMs,
 * stallCpuMs, clientLagMs }`, where outcome is `ok`, `isError`, `timed out` or `threw`; stallMs is
 * the server's longest event-loop stall during the call and stallCpuMs the CPU time it used in it
 * (from loop-probe.mjs, preloaded: on a busy machine, the part of a late ping that is the server's
 * own work); clientLagMs is how long this process's own event loop stalled (reading a huge answer,
 * say), which is part of every ping time too.
 */
export async function callUnderPings({ label, args, env, tool, input, warm, limitMs, intervalMs = 20 }) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', LOOP_PROBE, ...args],
    env: { ...process.env, ...env },
    stderr: 'pipe',
    // Some peers answer with the whole 40 MB value.
    maxBufferSize: 512 * MiB,
  });
  let stderr = '';
  let partial = '';
  const stalls = [];
  transport.stderr?.on('data', (chunk) => {
    const text = chunk.toString('utf8');
    stderr = (stderr + text).slice(-20_000);
    const lines = (partial + text).split('\n');
    partial = lines.pop();
    for (const line of lines) {
      if (line.startsWith(PROBE_TAG)) stalls.push(JSON.parse(line.slice(PROBE_TAG.length)));
    }
  });
  const client = new Client(
    { name: 'refmcp-bench', version: '0.0.0' },
    { versionNegotiation: { mode: 'legacy' } },
  );
  try {
    await client.connect(transport);
    if (warm) {
      const raw = await client.callTool({ name: warm.tool, arguments: warm.input });
      if (raw.isError)
        throw new Error(`warm-up ${warm.tool} returned isError: ${JSON.stringify(raw.content)}`);
    }
    // Let work a server defers past its first answers (timers, lazy loads) finish first.
    await sleep(100);
  } catch (error) {
    await client.close().catch(() => {});
    throw new BenchError(`${label}: could not start: ${error?.message ?? error}\n${stderr.trim()}`);
  }
  const pid = transport.pid;

  let done = false;
  let maxPingMs = 0;
  let pings = 0;
  let inFlightSince;
  const pinging = (async () => {
    while (!done) {
      inFlightSince = performance.now();
      await client.ping({ timeout: limitMs + 10_000 }).catch(() => {});
      maxPingMs = Math.max(maxPingMs, performance.now() - inFlightSince);
      inFlightSince = undefined;
      pings++;
      if (!done) await sleep(intervalMs);
    }
  })();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();

  const start = performance.now();
  let outcome;
  let text = '';
  try {
    const raw = await client.callTool({ name: tool, arguments: input }, { timeout: limitMs });
    outcome = raw.isError ? 'isError' : 'ok';
    text = (raw.content ?? []).find((block) => block.type === 'text')?.text ?? '';
  } catch (error) {
    outcome = /timed out/i.test(String(error)) ? 'timed out' : 'threw';
    text = String(error?.message ?? error);
  }
  const ms = performance.now() - start;
  done = true;
  if (outcome === 'timed out') {
    // A stuck server never answers the ping in flight: it has waited at least this long.
    if (inFlightSince !== undefined) maxPingMs = Math.max(maxPingMs, performance.now() - inFlightSince);
  } else {
    // A ping sent while the server was busy answers late: it still counts.
    await pinging;
  }
  lag.disable();
  const end = performance.now();
  // The probe's last report may still be in the pipe.
  if (outcome !== 'timed out') await sleep(50);
  // Of the server's late loop turns that overlapped the call, the latest one and its CPU time.
  const during = stalls.filter(
    (s) => s.at > performance.timeOrigin + start && s.at - s.lateMs < performance.timeOrigin + end,
  );
  const stall = during.reduce((worst, s) => (s.lateMs > (worst?.lateMs ?? 0) ? s : worst), undefined);
  const proc = hasProc();
  const tree = proc ? processTree(pid) : [];
  const rssServerMB = proc ? peakRss(pid) / MiB : Number.NaN;
  const rssTreeMB = proc ? tree.reduce((sum, p) => sum + peakRss(p), 0) / MiB : Number.NaN;
  // A server stuck in a regex or a loop does not stop on a cancellation: kill it and whatever it
  // started, children first.
  if (outcome === 'timed out' && proc) {
    for (const p of [...tree].reverse()) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  await client.close().catch(() => {});
  return {
    ms,
    outcome,
    text: text.slice(0, 300),
    maxPingMs,
    pings,
    rssServerMB,
    rssTreeMB,
    processes: tree.length,
    // A stopped server's last stall never ends, so it is never reported: unknown then.
    stallMs: outcome === 'timed out' ? Number.NaN : (stall?.lateMs ?? 0),
    stallCpuMs: outcome === 'timed out' ? Number.NaN : (stall?.cpuMs ?? 0),
    clientLagMs: lag.max / 1e6,
  };
}
