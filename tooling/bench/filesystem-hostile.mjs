// Hostile but legal inputs for the filesystem suite: a worst-case glob and an edit of a 40 MiB
// file, on both servers with the same arguments. Each sample is a fresh server process, so its
// peak memory (VmHWM) belongs to that one call; pings sent during the call show how long the
// server stopped answering everyone else. An isError answer is a result here, not a failure:
// refusing with a clear error is what ours is meant to do with some of these.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { interleave, makeRow, median, sampleCount, scratchDir, selected } from './lib.mjs';

const MiB = 1024 * 1024;
const NAME = `${'a'.repeat(200)}0`;
/** A call that runs longer is stopped and reported as "> limit" (the official glob can take minutes). */
const CALL_LIMIT_MS = 60_000;

function ensureFixture() {
  const root = path.join(scratchDir, 'fixtures', 'filesystem-hostile-v1');
  const big = path.join(root, 'big.txt');
  mkdirSync(path.join(root, 'globs'), { recursive: true });
  writeFileSync(path.join(root, 'globs', NAME), 'a\n');
  if (statSync(big, { throwIfNoEntry: false })?.size !== 40 * MiB + 3) {
    writeFileSync(big, Buffer.concat([Buffer.alloc(40 * MiB, 'x'), Buffer.from('END')]));
  }
  return root;
}

const CASES = [
  {
    id: 'hostile-glob',
    title: 'search_files *a*a*a*a*b vs a 201-char name',
    tool: 'search_files',
    args: (root) => ({ path: path.join(root, 'globs'), pattern: '*a*a*a*a*b' }),
    samples: { full: 2, quick: 1 },
    // Linear matching answers in milliseconds where backtracking takes most of a minute.
    timeTarget: 0.05,
    // Nothing to hold: both stay at a bare process's size; ours loads a little more code.
    rssTarget: 1.25,
  },
  {
    id: 'hostile-edit',
    title: 'edit_file dryRun "xxxxxxxxxx" in a 40 MiB file of x',
    tool: 'edit_file',
    args: (root) => ({
      path: path.join(root, 'big.txt'),
      edits: [{ oldText: 'x'.repeat(10), newText: 'y' }],
      dryRun: true,
    }),
    // The official server takes over a minute per call here: few samples.
    samples: { full: 2, quick: 1 },
    timeTarget: 1.0,
    rssTarget: 0.5,
  },
  {
    id: 'hostile-edit-line',
    title: 'edit_file dryRun END→FIN at the end of a 40 MiB line',
    tool: 'edit_file',
    args: (root) => ({
      path: path.join(root, 'big.txt'),
      edits: [{ oldText: 'END', newText: 'FIN' }],
      dryRun: true,
    }),
    // The official server takes over a minute per call here: few samples.
    samples: { full: 2, quick: 1 },
    timeTarget: 1.0,
    rssTarget: 0.5,
  },
];

/** Spawns a server, runs one call while pinging it, and reports time, peak RSS and the slowest ping. */
async function oneCall(bin, root, tool, args) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, root],
    stderr: 'pipe',
    // The official server answers with the whole diff of a 40 MiB line.
    maxBufferSize: 512 * MiB,
  });
  transport.stderr?.on('data', () => {});
  const client = new Client(
    { name: 'refmcp-bench', version: '0.0.0' },
    { versionNegotiation: { mode: 'legacy' } },
  );
  await client.connect(transport);
  const pid = transport.pid;
  let done = false;
  let maxPing = 0;
  const pinging = (async () => {
    while (!done) {
      const start = performance.now();
      await client.ping({ timeout: CALL_LIMIT_MS + 10_000 }).catch(() => {});
      maxPing = Math.max(maxPing, performance.now() - start);
      if (!done) await sleep(50);
    }
  })();
  const start = performance.now();
  let outcome;
  try {
    const raw = await client.callTool({ name: tool, arguments: args }, { timeout: CALL_LIMIT_MS });
    outcome = raw.isError ? 'isError' : 'ok';
  } catch (error) {
    outcome = /timed out/i.test(String(error)) ? 'timed out' : 'threw';
  }
  const ms = performance.now() - start;
  done = true;
  if (outcome !== 'timed out') await pinging;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) * 1024;
  // A server stuck in a regex does not exit on its own: stop it.
  if (outcome === 'timed out') process.kill(pid, 'SIGKILL');
  await client.close().catch(() => {});
  return { ms, rss, maxPing: outcome === 'timed out' ? ms : maxPing, outcome };
}

export async function runHostileCases({ flags, suite, oursBin, officialBin, record }) {
  const todo = CASES.filter((c) => selected(flags, c.id));
  if (todo.length === 0) return;
  const root = ensureFixture();
  for (const spec of todo) {
    const samples = sampleCount(flags, spec.samples);
    const args = spec.args(root);
    const seen = { ours: [], official: [] };
    const side = (name, bin) => async () => {
      const result = await oneCall(bin, root, spec.tool, args);
      seen[name].push(result);
      return result;
    };
    // interleave only orders the samples: its times include spawning and closing each process,
    // so the times below are the calls' own.
    await interleave({ ours: side('ours', oursBin), official: side('official', officialBin) }, { samples });
    // Across samples: the highest peak, the slowest ping, and every outcome seen.
    const sum = (name) => ({
      ms: median(seen[name].map((r) => r.ms)),
      rss: Math.max(...seen[name].map((r) => r.rss)) / MiB,
      ping: Math.round(Math.max(...seen[name].map((r) => r.maxPing))),
      outcomes: [...new Set(seen[name].map((r) => r.outcome))].join('/'),
    });
    const ours = sum('ours');
    const off = sum('official');
    const lower = off.outcomes.includes('timed out') ? `; official stopped at ${CALL_LIMIT_MS} ms` : '';
    const check = `ours ${ours.outcomes}, slowest ping ${ours.ping} ms · official ${off.outcomes}, slowest ping ${off.ping} ms${lower}`;
    const note = `same arguments on both sides: ${JSON.stringify({ ...args, path: path.relative(root, args.path) })}`;
    record(
      makeRow({
        suite,
        id: spec.id,
        title: `${spec.title}: time`,
        ours: ours.ms,
        base: off.ms,
        baseName: 'official',
        target: spec.timeTarget,
        samples,
        check,
        note,
      }),
      {
        tool: spec.tool,
        given: { ours: args, official: args },
        samples: { ours: seen.ours.map((r) => r.ms), official: seen.official.map((r) => r.ms) },
        calls: seen,
      },
    );
    record(
      makeRow({
        suite,
        id: `${spec.id}-rss`,
        title: `${spec.title}: peak RSS (MB, not ms)`,
        ours: ours.rss,
        base: off.rss,
        baseName: 'official',
        target: spec.rssTarget,
        samples,
        check: `ours ${ours.rss.toFixed(0)} MB · official ${off.rss.toFixed(0)} MB`,
      }),
      { tool: spec.tool, samples: {} },
    );
  }
}
