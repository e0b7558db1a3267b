// The guard load test: measure what one instance serves, then offer 5x that to the gateway from
// several callers, one of them abusive (10x its share), with and without an instance killed
// mid-run, and compare the admitted calls' latency with an unloaded run.
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startCluster } from './cluster.mjs';
import { mergeGuardResults, quantile } from './guard-load.mjs';
import { WIDE_OPEN } from './limits.mjs';
import { runLoad } from './load.mjs';

const NORMAL_CALLERS = 4;
/** The abusive caller offers this many times a normal caller's share. */
const ABUSE = 10;
/** Offered load in the overload runs, in multiples of one instance's calls/s. */
const OVERLOAD = 5;
/** Each caller's rate limit, in multiples of a normal caller's share. */
const ALLOWANCE = 2;
/** The unloaded run offers this fraction of one instance's calls/s. */
const UNLOADED = 0.2;

const CALLER_PROCESS = fileURLToPath(new URL('./guard-caller.mjs', import.meta.url));

/** Runs each caller in a process of its own (guard-caller.mjs); resolves with the merged result. */
async function runCallersApart({ url, callers, tool, args }) {
  const results = await Promise.all(
    callers.map(
      (caller) =>
        new Promise((resolve, reject) => {
          const child = fork(CALLER_PROCESS, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
          let answer;
          child.once('message', (message) => {
            answer = message;
          });
          child.once('exit', (code) => {
            if (answer?.result) resolve(answer.result);
            else
              reject(new Error(`caller ${caller.name} exited with ${code}: ${answer?.error ?? 'no result'}`));
          });
          child.send({ url: url.href, caller, tool, args });
        }),
    ),
  );
  return mergeGuardResults(results);
}

/** Calls/s one instance serves behind HAProxy, closed loop (32 clients, 2026-07-28). */
async function capacityOfOneInstance(target, calls, setCurrent) {
  const cluster = await startCluster({ target, instances: 1, limits: WIDE_OPEN });
  setCurrent(() => cluster.stop());
  try {
    const load = {
      url: cluster.url,
      era: 'modern',
      clients: 32,
      calls,
      tool: cluster.tool,
      args: cluster.toolArgs,
    };
    return (await runLoad(load)).callsPerSecond;
  } finally {
    await cluster.stop();
  }
}

/** Callers offering `total` calls/s for `seconds`, the last one `abuse` times a normal share. */
export function guardCallers(total, seconds, abuse = ABUSE) {
  const share = total / (NORMAL_CALLERS + abuse);
  const callers = Array.from({ length: NORMAL_CALLERS }, (_, i) => ({
    name: `caller${i + 1}`,
    token: `guard-token-${i + 1}-${Math.random().toString(36).slice(2)}`,
    rate: share,
  }));
  callers.push({
    name: 'abusive',
    token: `guard-token-x-${Math.random().toString(36).slice(2)}`,
    rate: share * abuse,
  });
  for (const caller of callers) caller.calls = Math.max(1, Math.round(caller.rate * seconds));
  return callers;
}

/**
 * Runs the three guarded runs and returns their rows. `setCurrent` receives a stop function for
 * whatever is running (Ctrl-C). `log` gets progress lines.
 */
export async function guardScenario({
  target = 'filesystem-search',
  instances = 2,
  seconds = 20,
  log,
  setCurrent,
}) {
  const capacity = await capacityOfOneInstance(target, 1000, setCurrent);
  const share = (capacity * OVERLOAD) / (NORMAL_CALLERS + ABUSE);
  // Over a 10 s window, so the limit bites within a run of a few tens of seconds.
  // A search call is mostly one instance's CPU: 8 at once keep it busy, and 16 waiting are about
  // as many as 2 instances finish in well under the 2 s queue timeout.
  const limits = {
    rateLimit: `${Math.max(1, Math.round(share * ALLOWANCE * 10))}/10s`,
    instanceMaxconn: 8,
    maxQueue: 16,
    queueTimeout: '2s',
  };
  log(
    `one instance serves ${capacity} calls/s; normal share ${share.toFixed(0)} calls/s; limits ${JSON.stringify(limits)}`,
  );

  const run = async (label, offered, kill, abuse = ABUSE) => {
    // The gateway's view of each admitted call: Ta, from accepting the request to the end of the
    // answer (queue and instance included, the load generator's own delays not).
    const gatewayMs = [];
    const onLogLine = (line) => {
      const ta = / 200 method="tools\/call".* Ta=(\d+)/.exec(line)?.[1];
      if (ta !== undefined) gatewayMs.push(Number(ta));
    };
    const cluster = await startCluster({ target, instances, limits, onLogLine });
    setCurrent(() => cluster.stop());
    try {
      const callers = guardCallers(offered, seconds, abuse);
      const victim = cluster.instances.at(-1);
      // The callers run in other processes: the kill comes at 30% of the run's planned time.
      const timer =
        kill &&
        setTimeout(() => {
          log(`  SIGKILL ${victim.name} (pid ${victim.pid}) at 30% of the run`);
          void victim.kill();
        }, seconds * 300);
      const load = { url: cluster.url, callers, tool: cluster.tool, args: cluster.toolArgs };
      const result = await runCallersApart(load).finally(() => clearTimeout(timer));
      const row = rowOf(
        label,
        result,
        gatewayMs.sort((a, b) => a - b),
      );
      log(`${label}: ${JSON.stringify(row)}`);
      return row;
    } finally {
      await cluster.stop();
    }
  };

  const rows = [];
  // Unloaded: everyone at the same small share, no abuse.
  rows.push(await run('unloaded', capacity * UNLOADED, false, 1));
  rows.push(await run(`${OVERLOAD}x offered, abusive caller`, capacity * OVERLOAD, false));
  rows.push(
    await run(`${OVERLOAD}x offered, abusive caller, 1 of ${instances} SIGKILLed`, capacity * OVERLOAD, true),
  );
  return { capacity, limits, rows };
}

function rowOf(label, result, gatewayMs) {
  const abusive = result.callers.at(-1);
  const others = result.callers.slice(0, -1);
  const sum = (key) => others.reduce((n, c) => n + c[key], 0);
  return {
    label,
    offered: result.total.offeredPerSecond,
    admitted: result.total.admittedPerSecond,
    p50: result.total.p50,
    p99: result.total.p99,
    gatewayP50: quantile(gatewayMs, 0.5),
    gatewayP99: quantile(gatewayMs, 0.99),
    abusiveIssued: abusive.issued,
    abusiveOk: abusive.ok,
    abusive429: abusive.limited,
    shed503: result.total.shed,
    lost: result.total.lost,
    failures: result.total.failures,
    othersOk: sum('ok'),
    othersIssued: sum('issued'),
    others429: sum('limited'),
    others429InFlight: sum('limitedInFlight'),
    abusive429InFlight: abusive.limitedInFlight,
    malformedRefusals: result.malformedRefusals,
    perInstance: result.total.perInstance,
    load: loadavg()[0].toFixed(1),
  };
}

export function guardTable({ rows }) {
  const lines = [
    '| run | offered calls/s | admitted calls/s | admitted p50 / p99 ms, client | same, gateway | abusive: ok / 429 of offered | 503 | lost | others: success (429s) | load avg |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const success = r.othersIssued ? `${((100 * r.othersOk) / r.othersIssued).toFixed(1)}%` : '-';
    lines.push(
      `| ${r.label} | ${r.offered} | ${r.admitted} | ${r.p50} / ${r.p99} | ${r.gatewayP50} / ${r.gatewayP99} | ${r.abusiveOk} / ${r.abusive429} of ${r.abusiveIssued} | ${r.shed503} | ${r.lost} | ${success} (${r.others429}) | ${r.load} |`,
    );
  }
  return lines.join('\n');
}
