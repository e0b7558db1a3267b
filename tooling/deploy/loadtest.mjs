#!/usr/bin/env node
// The bounded load test: calls/s for 1 instance direct, 1 behind HAProxy and 3 behind HAProxy,
// for a refmcp server and the bare SDK floor, then failover runs that stop one of 3 instances
// mid-run, by SIGKILL (a crash) and by SIGTERM (a drain); then the guard runs (lib/guard-scenario.mjs):
// 5x one instance's calls/s offered through the gateway's limits. Exits non-zero when a stateless
// (2026-07-28) call fails or any call is lost, or a refusal lacks Retry-After or a JSON-RPC body.
//
//   node loadtest.mjs [--era modern|legacy|both] [--clients 50] [--calls 20000]
//                     [--targets filesystem,floor] [--only throughput|failover|guard]
//                     [--guard-seconds 20]
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCluster, TARGETS } from './lib/cluster.mjs';
import { guardScenario, guardTable } from './lib/guard-scenario.mjs';
import { haproxyVersion } from './lib/haproxy.mjs';
import { startInstance } from './lib/instances.mjs';
import { WIDE_OPEN } from './lib/limits.mjs';
import { runLoad } from './lib/load.mjs';

// `pnpm loadtest -- --era modern` passes the `--` on.
const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    era: { type: 'string', default: 'both' },
    clients: { type: 'string', default: '50' },
    calls: { type: 'string', default: '20000' },
    targets: { type: 'string', default: 'filesystem,floor' },
    only: { type: 'string' },
    'guard-seconds': { type: 'string', default: '20' },
  },
});
const eras = values.era === 'both' ? ['modern', 'legacy'] : [values.era];
const load = { clients: Number(values.clients), calls: Number(values.calls) };
const targets = values.targets.split(',');
const bad = [
  !['modern', 'legacy'].includes(eras[0]) && `--era ${values.era} (modern, legacy or both)`,
  ...targets.filter((t) => !TARGETS[t]).map((t) => `target ${t} (have: ${Object.keys(TARGETS).join(', ')})`),
  ...['clients', 'calls']
    .filter((k) => !(load[k] >= 1))
    .map((k) => `--${k} ${values[k]} (a positive number)`),
  values.only && !['throughput', 'failover', 'guard'].includes(values.only) && `--only ${values.only}`,
  !(Number(values['guard-seconds']) >= 1) && `--guard-seconds ${values['guard-seconds']} (a positive number)`,
].filter(Boolean);
if (bad.length > 0) {
  console.error(`loadtest: invalid ${bad.join('; ')}`);
  process.exit(2);
}

// Ctrl-C must not leave instances or HAProxy running: stop whatever is up, then exit.
let stopCurrent;
process.once('SIGINT', async () => {
  await stopCurrent?.();
  process.exit(130);
});

async function direct(target, era) {
  const spec = TARGETS[target];
  const scratch = await mkdtemp(path.join(tmpdir(), 'refmcp-loadtest-'));
  const { command, args } = await spec.prepare(scratch);
  const instance = await startInstance({ name: 'direct', command, args });
  stopCurrent = () => instance.stop();
  try {
    return await runLoad({ url: instance.url, era, tool: spec.tool, ...load });
  } finally {
    await instance.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** `stop`: 'SIGKILL' (a crash) or 'SIGTERM' (a graceful stop that drains) one instance at 30%. */
async function proxied(target, era, instances, stop) {
  const cluster = await startCluster({ target, instances, limits: WIDE_OPEN });
  stopCurrent = () => cluster.stop();
  try {
    const victim = cluster.instances.at(-1);
    const midRun = stop && {
      afterCalls: Math.floor(load.calls * 0.3),
      action: async () => {
        console.error(`  ${stop} ${victim.name} (pid ${victim.pid}) after 30% of the calls`);
        await (stop === 'SIGKILL' ? victim.kill() : victim.stop());
      },
    };
    const stats = await runLoad({ url: cluster.url, era, tool: cluster.tool, midRun, ...load });
    stats.haproxy = await cluster.stats();
    return stats;
  } finally {
    await cluster.stop();
  }
}

const rows = [];
const record = (label, target, stats) => {
  // Other work on the machine moves these numbers a lot: keep the load next to each one.
  rows.push({ label, target, load: loadavg()[0].toFixed(1), ...stats });
  const spread = Object.entries(stats.perInstance)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  console.error(
    `${label} ${target} ${stats.era}: ${stats.callsPerSecond} calls/s, failed ${stats.failed} ` +
      `(recovered ${stats.recovered}, lost ${stats.lost}), sessions ${stats.sessions}, spread: ${spread}`,
  );
  if (stats.haproxy) {
    // Requests HAProxy sent to each instance (stot): calls plus handshakes, GET streams, checks excluded.
    const stot = stats.haproxy.map((row) => `${row.name} ${row.stot} (${row.status})`).join(', ');
    console.error(`    HAProxy stot: ${stot}`);
  }
  for (const [what, n] of Object.entries(stats.failures)) console.error(`    ${n}x ${what}`);
  for (const [what, n] of Object.entries(stats.background)) console.error(`    background ${n}x ${what}`);
};

console.error(
  `${haproxyVersion()}; ${cpus().length} CPUs; ${load.clients} clients, ${load.calls} calls per run`,
);
for (const era of values.only === 'guard' ? [] : eras) {
  if (values.only !== 'failover') {
    for (const target of targets) {
      record('1 direct', target, await direct(target, era));
      record('1 via HAProxy', target, await proxied(target, era, 1));
      record('3 via HAProxy', target, await proxied(target, era, 3));
    }
  }
  if (values.only !== 'throughput' && values.only !== 'guard') {
    record('3 via HAProxy, 1 SIGKILLed', targets[0], await proxied(targets[0], era, 3, 'SIGKILL'));
    record('3 via HAProxy, 1 SIGTERMed', targets[0], await proxied(targets[0], era, 3, 'SIGTERM'));
  }
}

if (rows.length > 0) {
  console.log('\n| setup | server | era | calls/s | failed | lost | calls per instance | load avg |');
  console.log('|---|---|---|---|---|---|---|---|');
}
for (const row of rows) {
  const spread = Object.values(row.perInstance).join(' / ');
  console.log(
    `| ${row.label} | ${row.target} | ${row.era} | ${row.callsPerSecond} | ${row.failed} | ${row.lost} | ${spread} | ${row.load} |`,
  );
}
// A stateless call has nowhere to lose state: any failure there is a bug in the setup.
const broken = rows.filter((row) => row.lost > 0 || (row.era === 'modern' && row.failed > 0));
if (broken.length > 0) {
  console.error(`\nFAILED: ${broken.map((row) => `${row.label} ${row.target} ${row.era}`).join('; ')}`);
  process.exitCode = 1;
}

if (values.only === undefined || values.only === 'guard') {
  // Its own target (a search through files): the instances must run out before the generator.
  const guard = await guardScenario({
    seconds: Number(values['guard-seconds']),
    log: (line) => console.error(line),
    setCurrent: (stop) => {
      stopCurrent = stop;
    },
  });
  console.log(
    `\nGuard: one instance serves ${guard.capacity} calls/s; rate limit ${guard.limits.rateLimit} per caller`,
  );
  console.log(guardTable(guard));
  const bad = guard.rows.filter((row) => row.lost > 0 || row.malformedRefusals > 0);
  if (bad.length > 0) {
    console.error(
      `\nFAILED: ${bad.map((row) => `${row.label}: ${JSON.stringify(row.failures)}`).join('; ')}`,
    );
    process.exitCode = 1;
  }
}
