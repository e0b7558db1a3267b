// HTTP: one filesystem server instance over Streamable HTTP against the floor, a bare SDK v2
// server (../floor-server.mjs) serving the same tool, with 16 concurrent clients making that call, in both protocol
// eras. What ours costs above the floor is our plumbing: Host/Origin checks, the tool timeout,
// output schemas, audit and approval hooks, sessions.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { clientOptionsFor, spawnHttpBin } from '@refmcp/core/testing';
import {
  BenchError,
  benchRoot,
  ensureBuilt,
  interleave,
  log,
  makeRow,
  now,
  repoRoot,
  sampleCount,
  selected,
} from '../lib.mjs';
import { cpuMs, hasProc } from '../proc.mjs';

export const name = 'http';
export const description =
  'filesystem over Streamable HTTP vs a bare SDK v2 server: 16 clients, calls/s, p50/p99, CPU per call';

const SERVER_DIR = path.join(repoRoot, 'servers/filesystem');
// The command npx runs, as users start it (it turns on the compile cache first).
const OURS_BIN = path.join(SERVER_DIR, 'bin/refmcp-filesystem.js');
const OURS_BUILT = path.join(SERVER_DIR, 'dist/index.js');
const FLOOR_BIN = path.join(benchRoot, 'floor-server.mjs');

const CLIENTS = 16;
/** Calls per round per side; rounds alternate the sides (the first one is a warm-up). */
const CALLS = { full: 1600, quick: 480 };
const ROUNDS = { full: 7, quick: 3 };

/**
 * Targets, ours / floor at most this. The wall time per call at 16 clients is 1000 / calls/s, so
 * ≤ 1.0× means at least the floor's calls/s. The median call no slower than the floor's; the
 * 99th percentile within a quarter of it (a GC pause lands in it on either side). CPU per call is
 * the server process's own, from /proc: what an instance costs when cores, not clients, limit.
 */
const TARGET = { wall: 1.0, p50: 1.0, p99: 1.25, cpu: 1.0 };

const ERAS = [
  { id: 'modern', label: '2026-07-28' },
  { id: 'legacy', label: '2025-11-25' },
];

function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function connectClients(url, era, count) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const client = new Client({ name: 'refmcp-bench', version: '0.0.0' }, clientOptionsFor(era));
      await client.connect(new StreamableHTTPClientTransport(url));
      return client;
    }),
  );
}

/**
 * One side of the comparison: a running server, its clients for the current era, and what its
 * rounds measured (latencies of every call, CPU used, calls made).
 */
function side(label, bin, tool) {
  return {
    label,
    bin,
    tool,
    clients: [],
    reset() {
      this.latencies = [];
      this.cpu = 0;
      this.calls = 0;
    },
    /** `calls` calls shared by the clients, each one waiting for its answer before the next. */
    async round(calls, measured) {
      let issued = 0;
      const latencies = [];
      const cpuBefore = cpuMs(this.bin.pid);
      await Promise.all(
        this.clients.map(async (client) => {
          while (issued < calls) {
            issued++;
            const start = now();
            const result = await client.callTool({ name: this.tool, arguments: {} });
            latencies.push(now() - start);
            if (result.isError) throw new BenchError(`${this.label}: ${this.tool} returned isError`);
          }
        }),
      );
      if (!measured) return;
      this.latencies.push(...latencies);
      this.cpu += cpuMs(this.bin.pid) - cpuBefore;
      this.calls += calls;
    },
  };
}

export async function run({ flags }) {
  ensureBuilt({
    filter: '@refmcp/server-filesystem',
    output: OURS_BUILT,
    sources: path.join(SERVER_DIR, 'src'),
    force: flags.build,
  });
  const rows = [];
  const details = [];
  const calls = sampleCount(flags, CALLS);
  const rounds = sampleCount(flags, ROUNDS);
  const meta = {
    ours: '@refmcp/server-filesystem --http (servers/filesystem/dist), list_allowed_directories',
    floor:
      'tooling/bench/floor-server.mjs --dir: createMcpHandler, the same list_allowed_directories, toNodeHandler',
    clients: CLIENTS,
    callsPerRound: calls,
    rounds,
    node: process.version,
  };
  const scratch = await mkdtemp(path.join(tmpdir(), 'refmcp-bench-http-'));
  const bins = [];
  try {
    await writeFile(path.join(scratch, 'hello.txt'), 'hello\n');
    log('  starting both servers…');
    const ours = side(
      'ours',
      await spawnHttpBin({ command: process.execPath, args: [OURS_BIN, scratch] }),
      'list_allowed_directories',
    );
    bins.push(ours.bin);
    // The floor serves the same tool with the same reply: the clients, which share this process
    // and so bound the calls/s, do the same work for both sides.
    const floor = side(
      'floor',
      await spawnHttpBin({ command: process.execPath, args: [FLOOR_BIN, '--dir', scratch] }),
      'list_allowed_directories',
    );
    bins.push(floor.bin);

    for (const era of ERAS) {
      const id = `http-${era.id}`;
      if (!selected(flags, id)) continue;
      for (const s of [ours, floor]) {
        s.reset();
        s.clients = await connectClients(s.bin.url, era.id, CLIENTS);
      }
      const replies = await Promise.all(
        [ours, floor].map(async (s) => {
          const { content, structuredContent } = await s.clients[0].callTool({ name: s.tool, arguments: {} });
          return JSON.stringify({ content, structuredContent });
        }),
      );
      if (replies[0] !== replies[1])
        throw new BenchError(`the two sides answer differently: ${replies.join(' / ')}`);
      // The first round of each side is the warm-up: its calls count for neither side.
      let started = 0;
      const res = await interleave(
        {
          ours: () => ours.round(calls, started++ >= 2),
          floor: () => floor.round(calls, started++ >= 2),
        },
        { samples: rounds, warmup: 1 },
      );
      for (const s of [ours, floor]) await Promise.all(s.clients.map((c) => c.close().catch(() => {})));

      const perSecond = (s) => Math.round((calls * 1000) / res[s].median);
      const check = `calls/s ${perSecond('ours')} / ${perSecond('floor')}`;
      const stat = (s, p) => percentile(s.latencies, p);
      const add = (suffix, title, oursValue, floorValue, target, rowCheck = check) => {
        const row = makeRow({
          suite: name,
          id: `${id} ${suffix}`,
          title: `${era.label}, ${CLIENTS} clients: ${title} (vs floor)`,
          ours: oursValue,
          base: floorValue,
          baseName: 'bare SDK v2',
          target,
          samples: rounds,
          check: rowCheck,
        });
        rows.push(row);
        log(`  ${row.id}: ours ${row.ours.toFixed(3)}, floor ${row.base.toFixed(3)}`);
      };
      add(
        'wall',
        'ms per call, 1000 / calls/s',
        res.ours.median / calls,
        res.floor.median / calls,
        TARGET.wall,
      );
      add('p50', 'p50 latency', stat(ours, 50), stat(floor, 50), TARGET.p50);
      add('p99', 'p99 latency', stat(ours, 99), stat(floor, 99), TARGET.p99);
      if (hasProc()) {
        add(
          'cpu',
          'server CPU ms per call',
          ours.cpu / ours.calls,
          floor.cpu / floor.calls,
          TARGET.cpu,
          `CPU s ${(ours.cpu / 1000).toFixed(1)} / ${(floor.cpu / 1000).toFixed(1)}`,
        );
      }
      details.push({
        id,
        callsPerSecond: { ours: perSecond('ours'), floor: perSecond('floor') },
        roundMs: { ours: res.ours.samples, floor: res.floor.samples },
        latencyMs: {
          ours: { p50: stat(ours, 50), p90: stat(ours, 90), p99: stat(ours, 99), max: stat(ours, 100) },
          floor: { p50: stat(floor, 50), p90: stat(floor, 90), p99: stat(floor, 99), max: stat(floor, 100) },
        },
        cpuMsPerCall: { ours: ours.cpu / ours.calls, floor: floor.cpu / floor.calls },
      });
    }
  } finally {
    await Promise.all(bins.map((bin) => bin.stop()));
    await rm(scratch, { recursive: true, force: true });
  }
  return { rows, details, meta };
}
