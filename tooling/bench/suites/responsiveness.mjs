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
import { officialFilesystem, SQLITE_PORT, SQLITE_PORT_VERSION, sqlitePort } from '../peers.mjs';
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

const SERVERS = {
  filesystem: { filter: '@refmcp/server-filesystem', dir: 'servers/filesystem' },
  sqlite: { filter: '@refmcp/server-sqlite', dir: 'servers/sqlite' },
  github: { filter: '@refmcp/server-github', dir: 'servers/github', fake: 'fake-github' },
  slack: { filter: '@refmcp/server-slack', dir: 'servers/slack', fake: 'fake-slack' },
};

const PEERS = {
  filesystem: async () => {
    const { bin, version } = officialFilesystem();
    // Its glob takes 30 s to minutes and its edits over a minute (1 GB): what 10 s shows is enough.
    return { label: `official ${version}`, argv: (fx) => [bin, fx.root], limitMs: 10_000 };
  },
  sqlite: async () => {
    const bin = await sqlitePort();
    // It does answer, in about 8 s on a quiet machine and 20 s on a busy one: let it.
    return (
      bin && { label: `${SQLITE_PORT} ${SQLITE_PORT_VERSION}`, argv: (fx) => [bin, fx.db], limitMs: 30_000 }
    );
  },
};

/**
 * The hostile reproducers. Each server first answers `warm`, one cheap call, so loading code and
 * starting workers on a fresh process is not billed to the attack (a shared server is warm when
 * one arrives). `expect` is what ours must answer (a refusal is a result here, but a
 * refusal for another reason would measure nothing); time and RSS targets are ratios to the peer.
 */
const CASES = [
  {
    id: 'hostile-glob',
    title: 'search_files *a*a*a*a*b, a 201-char name',
    server: 'filesystem',
    warm: { tool: 'list_allowed_directories', input: {} },
    tool: 'search_files',
    input: (fx) => ({ path: fx.globs, pattern: '*a*a*a*a*b' }),
    expect: { outcome: 'ok' },
    peer: 'filesystem',
    // Linear matching answers in milliseconds where backtracking takes most of a minute; neither
    // side holds anything, and ours loads a little more code.
    timeTarget: 0.05,
    rssTarget: 1.25,
  },
  {
    id: 'hostile-edit',
    title: 'edit_file dryRun "xxxxxxxxxx", 40 MiB of x',
    server: 'filesystem',
    warm: { tool: 'list_allowed_directories', input: {} },
    tool: 'edit_file',
    input: (fx) => ({ path: fx.big, edits: [{ oldText: 'x'.repeat(10), newText: 'y' }], dryRun: true }),
    expect: { outcome: 'isError', text: /more than 1000 places/ },
    peer: 'filesystem',
    timeTarget: 1.0,
    rssTarget: 0.5,
  },
  {
    id: 'hostile-edit-line',
    title: 'edit_file dryRun END→FIN, end of a 40 MiB line',
    server: 'filesystem',
    warm: { tool: 'list_allowed_directories', input: {} },
    tool: 'edit_file',
    input: (fx) => ({ path: fx.big, edits: [{ oldText: 'END', newText: 'FIN' }], dryRun: true }),
    expect: { outcome: 'ok' },
    peer: 'filesystem',
    timeTarget: 1.0,
    rssTarget: 0.5,
  },
  {
    id: 'hostile-sqlite-cell',
    title: 'read_query hex(zeroblob(20000000)), a 40 MB cell',
    server: 'sqlite',
    tool: 'read_query',
    input: () => ({ query: 'SELECT hex(zeroblob(20000000)) AS big' }),
    // Starts the worker processes first.
    warm: { tool: 'read_query', input: { query: 'SELECT 1 AS one' } },
    expect: { outcome: 'ok', text: /longer than 64 KiB came back cut/ },
    peer: 'sqlite',
    // Ours sends the first 64 KiB, the port all of it. Memory counts every process of each side:
    // SQLite builds the 40 MB value whole in either, ours in a worker.
    timeTarget: 0.5,
    rssTarget: 1.2,
  },
  {
    id: 'hostile-github-issues',
    title: 'list_issues answered with 100,000 issues',
    server: 'github',
    upstream: 'github',
    warm: { tool: 'get_me', input: {} },
    tool: 'list_issues',
    input: () => ({ owner: 'octocat', repo: 'hello-world' }),
    expect: { outcome: 'isError', text: /GitHub answered more than 8 MiB for list_issues/ },
  },
  {
    id: 'hostile-slack-message',
    title: 'history page holding one 50 MiB message',
    server: 'slack',
    upstream: 'slack',
    warm: { tool: 'slack_get_channel_history', input: { channel_id: 'C0GENERAL' } },
    tool: 'slack_get_channel_history',
    input: () => ({ channel_id: 'C0HUGE' }),
    expect: { outcome: 'isError', text: /Slack answered more than 8 MiB to conversations.history/ },
  },
];

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
 * What explains the slowest ping: the server's longest loop stall and the CPU it used (work of its
 * own, where the rest is waiting for a CPU), and any stall of the bench itself.
 */
function pingCheck(o, ending) {
  const stall =
    o.stall && Number.isFinite(o.stall.stallMs)
      ? ` · longest stall ${o.stall.stallMs.toFixed(0)} ms, ${o.stall.stallCpuMs.toFixed(0)} ms of it CPU`
      : '';
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
      const oursBin = path.join(repoRoot, SERVERS[spec.server].dir, 'dist/index.js');
      const oursArgv =
        spec.server === 'filesystem'
          ? [oursBin, fx.root]
          : spec.server === 'sqlite'
            ? [oursBin, fx.db]
            : [oursBin];
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
