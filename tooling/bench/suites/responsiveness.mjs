// Responsiveness under hostile inputs: one worst-case call per case on a fresh server over stdio,
// pinged every 20 ms on the same connection meanwhile. A server that many users share must keep
// answering while any one call runs, so the target is absolute: the slowest ping at most 250 ms.
// Next to it, the call's time and peak memory, against the official server on the same input
// where one takes it (a peer that hangs is stopped and shown as "> limit").
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ensureHostileFiles } from '../fixtures/hostile.mjs';
import { CASES, PEERS, SERVERS } from '../hostile-cases.mjs';
import {
  BenchError,
  benchRoot,
  ensureBuilt,
  log,
  makeRow,
  median,
  repoRoot,
  sampleCount,
  selected,
} from '../lib.mjs';
import { callUnderPings } from '../pressure.mjs';

export const name = 'responsiveness';
export const description =
  'hostile inputs: slowest ping (every 20 ms) during the call, call time and peak RSS, fresh server per call';

const PING_EVERY_MS = 20;
/** The target: no ping waits longer than this while a hostile call runs. */
const PING_LIMIT_MS = 250;
/** Ours must finish well inside this; a peer is stopped at its own, shorter limit. */
const OURS_LIMIT_MS = 60_000;
/** Calls of ours per case; a peer runs once (it may take its whole limit). */
const SAMPLES = { full: 3, quick: 1 };

/** Starts fake-upstream.mjs in its own process, so serving the flood costs the bench's pings nothing. */
async function startUpstream(kind) {
  const child = spawn(process.execPath, [path.join(benchRoot, 'fake-upstream.mjs'), kind], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = await Promise.race([
    once(createInterface({ input: child.stdout }), 'line'),
    once(child, 'exit').then(([code]) => {
      throw new BenchError(`the fake ${kind} API exited with ${code} before it was ready`);
    }),
  ]);
  return { env: JSON.parse(line).env, stop: () => child.stdin.end() };
}

function summarize(calls) {
  const stopped = calls.some((c) => c.outcome === 'timed out');
  return {
    ms: median(calls.map((c) => c.ms)),
    ping: Math.max(...calls.map((c) => c.maxPingMs)),
    rss: Math.max(...calls.map((c) => c.rssTreeMB)),
    rssServer: Math.max(...calls.map((c) => c.rssServerMB)),
    processes: Math.max(...calls.map((c) => c.processes)),
    // The call whose server stalled longest, with the CPU time that stall used.
    stall: calls.reduce((worst, c) => (c.stallMs > (worst?.stallMs ?? -1) ? c : worst), undefined),
    pings: calls.reduce((n, c) => n + c.pings, 0),
    lag: Math.max(...calls.map((c) => c.clientLagMs)),
    outcomes: [...new Set(calls.map((c) => c.outcome))].join('/'),
    stopped,
  };
}

/**
 * What explains the slowest ping: the server's longest loop stall and the CPU time the process
 * used in it (its own work; the rest was waiting for a CPU; GC threads can make it exceed the
 * stall), and any stall of the bench itself.
 */
function pingCheck(o, ending) {
  let stall = '';
  if (o.stall && Number.isFinite(o.stall.stallMs)) {
    stall =
      o.stall.stallMs > 0
        ? ` · longest stall ${o.stall.stallMs.toFixed(0)} ms, CPU ${o.stall.stallCpuMs.toFixed(0)} ms`
        : ' · no stall over 20 ms';
  }
  const lag = o.lag > 50 ? ` · the bench's own loop stalled up to ${o.lag.toFixed(0)} ms` : '';
  return `${o.pings} pings${stall}${lag} · ${ending}`;
}

export async function run({ flags }) {
  const todo = CASES.filter((c) => selected(flags, c.id));
  for (const server of new Set(todo.map((c) => c.server))) {
    const { filter, dir, fake } = SERVERS[server];
    if (fake)
      ensureBuilt({
        filter: `@refmcp/${fake}`,
        output: path.join(repoRoot, 'tooling', fake, 'dist/index.js'),
        force: flags.build,
      });
    ensureBuilt({
      filter,
      output: path.join(repoRoot, dir, 'dist/index.js'),
      sources: path.join(repoRoot, dir, 'src'),
      force: flags.build,
    });
  }
  const fx = ensureHostileFiles();
  const rows = [];
  const details = [];
  const peers = {};
  const meta = {
    pingEveryMs: PING_EVERY_MS,
    pingLimitMs: PING_LIMIT_MS,
    oursLimitMs: OURS_LIMIT_MS,
    rss: 'VmHWM of the server process plus each process it started (Linux /proc), MB',
    node: process.version,
  };

  for (const spec of todo) {
    const samples = sampleCount(flags, SAMPLES);
    const input = spec.input(fx);
    const upstream = spec.upstream ? await startUpstream(spec.upstream) : undefined;
    try {
      const env = { LOG_LEVEL: 'error', ...upstream?.env };
      const server = SERVERS[spec.server];
      // The command npx runs (bin/refmcp-<name>.js), start-up settings and all.
      const oursArgv = [
        path.join(repoRoot, server.dir, 'bin', `refmcp-${spec.server}.js`),
        ...server.args(fx),
      ];
      if (spec.peer && !(spec.peer in peers)) peers[spec.peer] = await PEERS[spec.peer]();
      const peer = spec.peer ? peers[spec.peer] : undefined;
      const common = { env, tool: spec.tool, input, warm: spec.warm, intervalMs: PING_EVERY_MS };
      const ours = [];
      const theirs = [];
      for (let round = 0; round < samples; round++) {
        const call = await callUnderPings({
          ...common,
          label: 'ours',
          args: oursArgv,
          limitMs: OURS_LIMIT_MS,
        });
        const wrong =
          call.outcome !== spec.expect.outcome || (spec.expect.text && !spec.expect.text.test(call.text));
        if (wrong)
          throw new BenchError(
            `ours: ${spec.id} answered ${call.outcome} "${call.text.slice(0, 200)}", expected ${spec.expect.outcome} ${spec.expect.text ?? ''}`,
          );
        ours.push(call);
        // The peer once, after the first call of ours, so both meet the same moment of the machine.
        if (round === 0 && peer)
          theirs.push(
            await callUnderPings({
              ...common,
              label: peer.label,
              args: peer.argv(fx),
              limitMs: peer.limitMs,
            }),
          );
      }
      const o = summarize(ours);
      const p = theirs.length ? summarize(theirs) : undefined;
      const base = (key) => p?.[key];
      const shared = {
        suite: name,
        baseName: peer?.label ?? 'no peer',
        samples,
        baseAtLeast: p?.stopped ?? false,
      };
      const ending = `ours ${o.outcomes}${p ? ` · peer ${p.outcomes}${p.stopped ? ` at ${peer.limitMs / 1000} s` : ''}` : ''}`;
      rows.push(
        makeRow({
          ...shared,
          id: `${spec.id}-ping`,
          title: `${spec.title}: slowest ping`,
          ours: o.ping,
          base: base('ping'),
          limit: PING_LIMIT_MS,
          check: pingCheck(o, ending),
          note: `${spec.tool} ${JSON.stringify({ ...input, ...(input.path && { path: path.relative(fx.root, input.path) }) })}`,
        }),
        makeRow({
          ...shared,
          id: `${spec.id}-time`,
          title: `${spec.title}: call time`,
          ours: o.ms,
          base: base('ms'),
          target: spec.timeTarget,
          check: spec.peer
            ? ending
            : `${ending} · no peer: the archived official server has a fixed API host`,
        }),
        makeRow({
          ...shared,
          id: `${spec.id}-rss`,
          title: `${spec.title}: peak RSS (MB, not ms)`,
          ours: o.rss,
          base: base('rss'),
          target: spec.rssTarget,
          // A stopped peer's peak is what it reached before it was stopped.
          check:
            o.processes > 1
              ? `ours: ${o.processes} processes, the server ${o.rssServer.toFixed(0)} MB of it`
              : '',
        }),
      );
      details.push({
        id: spec.id,
        tool: spec.tool,
        input,
        ours,
        peer: theirs,
        peerName: peer?.label,
        peerLimitMs: peer?.limitMs,
      });
      log(
        `  ${spec.id}: ours ${o.ms.toFixed(0)} ms, slowest ping ${o.ping.toFixed(0)} ms, ${o.rss.toFixed(0)} MB` +
          (p
            ? ` · peer ${p.stopped ? '>' : ''}${p.ms.toFixed(0)} ms, slowest ping ${p.ping.toFixed(0)} ms, ${p.rss.toFixed(0)} MB`
            : ''),
      );
    } finally {
      upstream?.stop();
    }
  }
  return { rows, details, meta };
}
