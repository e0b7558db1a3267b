#!/usr/bin/env node
// CPU time per call, for the scale-out arithmetic in the README: one instance behind HAProxy,
// `calls` stateless (or session) calls from `clients` clients, and the CPU time (user + system,
// from Linux /proc) the instance and HAProxy used meanwhile. On a machine with fewer cores than
// processes, wall-clock throughput mixes everyone's work; CPU time per call does not.
//
//   node cpu-per-call.mjs [--target filesystem|floor] [--era modern|legacy] [--clients 16] [--calls 5000]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startCluster } from './lib/cluster.mjs';
import { WIDE_OPEN } from './lib/limits.mjs';
import { runLoad } from './lib/load.mjs';

const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    target: { type: 'string', default: 'filesystem' },
    era: { type: 'string', default: 'modern' },
    clients: { type: 'string', default: '16' },
    calls: { type: 'string', default: '5000' },
  },
});

/** CPU ms a process has used so far; /proc counts in clock ticks, 100 a second on Linux. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

// The gateway's guards open wide: its default rate per caller would refuse most of these calls,
// and a refused call costs the instance nothing.
const cluster = await startCluster({ target: values.target, instances: 1, limits: WIDE_OPEN });
try {
  const [instance] = cluster.instances;
  const load = { url: cluster.url, era: values.era, tool: cluster.tool, clients: Number(values.clients) };
  await runLoad({ ...load, calls: 500 }); // warm-up: code paths compiled, pools filled
  const before = { instance: cpuMs(instance.pid), haproxy: cpuMs(cluster.haproxy.pid) };
  const stats = await runLoad({ ...load, calls: Number(values.calls) });
  const perCall = (pid, start) => (cpuMs(pid) - start) / stats.calls;
  const row = {
    target: values.target,
    era: values.era,
    calls: stats.calls,
    failed: stats.failed,
    callsPerSecond: stats.callsPerSecond,
    instanceCpuMsPerCall: Number(perCall(instance.pid, before.instance).toFixed(3)),
    haproxyCpuMsPerCall: Number(perCall(cluster.haproxy.pid, before.haproxy).toFixed(3)),
    load1: Number(loadavg()[0].toFixed(1)),
  };
  console.log(JSON.stringify(row));
  if (stats.failed > 0) {
    console.error(`${stats.failed} of ${stats.calls} calls failed: the figures above do not measure calls`);
    process.exitCode = 1;
  }
} finally {
  await cluster.stop();
}
