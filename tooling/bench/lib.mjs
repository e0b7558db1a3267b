// Shared helpers for the benchmark suites: timing, interleaved sampling, stdio clients, tables.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

export const benchRoot = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(benchRoot, '..', '..');
/** Gitignored scratch space: cached fixtures and result files. */
export const scratchDir = path.join(repoRoot, '.bench');

/** A failed call: the bench reports it loudly and exits non-zero. */
export class BenchError extends Error {}

export const now = () => performance.now();

export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` and returns its result with the wall time in milliseconds. */
export async function timed(fn) {
  const start = now();
  const value = await fn();
  return { ms: now() - start, value };
}

/**
 * Samples several contenders in turn, so drift on the machine (other processes, thermal, cache)
 * lands on all of them alike. The order rotates each round so no side is always first.
 * `sides` maps a side name to an async function; a side whose function is missing is skipped.
 * Returns per side: every sample's ms, the median, and the last value returned (for checks).
 * `after(value, side)` runs after each sample, outside the measured time (e.g. to close a process).
 */
export async function interleave(sides, { samples, warmup = 0, after }) {
  const names = Object.keys(sides).filter((name) => typeof sides[name] === 'function');
  const out = Object.fromEntries(
    names.map((name) => [name, { samples: [], median: Number.NaN, last: undefined }]),
  );
  for (let round = 0; round < warmup + samples; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const { ms, value } = await timed(sides[name]);
      if (after) await after(value, name);
      out[name].last = value;
      if (round >= warmup) out[name].samples.push(ms);
    }
  }
  for (const name of names) out[name].median = median(out[name].samples);
  return out;
}

/** Connects a real SDK v2 client to a server spawned over stdio (the 2025-11-25 handshake). */
export async function connectStdio({ command = process.execPath, args = [], cwd, env, label = command }) {
  const transport = new StdioClientTransport({
    command,
    args,
    cwd,
    env: { ...process.env, ...env },
    stderr: 'pipe',
    maxBufferSize: 512 * 1024 * 1024,
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += chunk.toString('utf8');
    if (stderr.length > 1_000_000) stderr = stderr.slice(-100_000);
  });
  const client = new Client(
    { name: 'refmcp-bench', version: '0.0.0' },
    { versionNegotiation: { mode: 'legacy' } },
  );
  try {
    await client.connect(transport);
  } catch (error) {
    await client.close().catch(() => {});
    throw new BenchError(`${label}: could not connect: ${error?.message ?? error}\n${stderr.trim()}`);
  }
  // The spawned process (for its CPU time and memory): the server itself when `command` is node.
  const pid = transport.pid ?? undefined;
  return { client, label, pid, stderr: () => stderr, close: () => client.close().catch(() => {}) };
}

/**
 * Lists the tools as a host does before its first call. After that the SDK client checks every
 * result against the tool's output schema, so each call's time includes that check, as it does
 * for the people using the server.
 */
export async function listLikeAHost(server) {
  await listTools(server.client);
  return server;
}

/** The tools a server lists, by name, with their input schemas. */
export async function listTools(client) {
  const tools = new Map();
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    for (const tool of page.tools) tools.set(tool.name, tool);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

/**
 * Calls a tool and returns `{ text, structured, raw }`. A protocol error or an `isError` result
 * throws a BenchError: a benchmark of a failing call measures nothing.
 */
export async function callTool(server, name, args, { timeout = 300_000 } = {}) {
  let raw;
  try {
    raw = await server.client.callTool({ name, arguments: args }, { timeout });
  } catch (error) {
    throw new BenchError(
      `${server.label}: ${name} threw: ${error?.message ?? error}\n  args: ${JSON.stringify(args)}\n${tail(server.stderr())}`,
    );
  }
  const text = (raw.content ?? [])
    .filter((block) => block.type === 'text')
    .map((block) => block.text)
    .join('\n');
  if (raw.isError) {
    throw new BenchError(
      `${server.label}: ${name} returned isError: ${text.slice(0, 2000)}\n  args: ${JSON.stringify(args)}`,
    );
  }
  return { text, structured: raw.structuredContent, raw };
}

/** Runs a command to completion; resolves with its exit code and output. */
export function runProcess(command, args, { cwd, okCodes = [0] } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => {
      err += chunk.toString('utf8');
    });
    child.once('error', (error) => reject(new BenchError(`${command}: ${error.message}`)));
    child.once('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (!okCodes.includes(code)) {
        reject(new BenchError(`${command} ${args.join(' ')} exited with ${code}: ${err.trim()}`));
      } else {
        resolve({ code, stdout, stderr: err });
      }
    });
  });
}

function tail(text, lines = 15) {
  const all = text.trim().split('\n');
  return all.length ? `  server stderr (last lines):\n    ${all.slice(-lines).join('\n    ')}` : '';
}

/** Command-line flags shared by every suite. */
export function parseFlags(argv) {
  const flags = { quick: false, only: [], suites: [], build: false, samples: undefined, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new BenchError(`${arg} needs a value`);
      return next;
    };
    // `pnpm bench -- --suite x` passes the `--` on.
    if (arg === '--') continue;
    if (arg === '--quick') flags.quick = true;
    else if (arg === '--build') flags.build = true;
    else if (arg === '--help' || arg === '-h') flags.help = true;
    else if (arg === '--only') flags.only.push(...value().split(','));
    else if (arg.startsWith('--only=')) flags.only.push(...arg.slice(7).split(','));
    else if (arg === '--suite') flags.suites.push(...value().split(','));
    else if (arg.startsWith('--suite=')) flags.suites.push(...arg.slice(8).split(','));
    else if (arg === '--samples') flags.samples = Number.parseInt(value(), 10);
    else if (arg.startsWith('--samples=')) flags.samples = Number.parseInt(arg.slice(10), 10);
    else throw new BenchError(`unknown flag ${arg} (try --help)`);
  }
  if (flags.samples !== undefined && !(flags.samples >= 1)) throw new BenchError('--samples must be >= 1');
  return flags;
}

/** Whether a case id was selected with --only (substring match; no --only selects all). */
export function selected(flags, id) {
  return flags.only.length === 0 || flags.only.some((want) => id === want || id.includes(want));
}

/** Sample count for a case: --samples wins, then --quick, then the case's own default. */
export function sampleCount(flags, { full, quick }) {
  if (flags.samples !== undefined) return flags.samples;
  return flags.quick ? quick : full;
}

const fmtMs = (ms) =>
  Number.isFinite(ms) ? (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)) : '–';

/**
 * One result row. `ours`/`base` are medians in ms (or MB, or bytes: the title says), `target` the
 * highest ratio ours/base that still meets the goal, or `limit` the highest value of `ours` itself
 * (an absolute budget, such as a slowest ping; `base` is then shown for comparison only).
 * `oursAtLeast`/`baseAtLeast` mark a value that is a lower bound (a call stopped at its time limit):
 * a stopped call of ours never meets its target, and a ratio against a stopped baseline is an upper
 * bound, so it counts as met only when that bound meets the target.
 */
export function makeRow({
  suite,
  id,
  title,
  ours,
  base,
  baseName,
  target,
  limit,
  oursAtLeast = false,
  baseAtLeast = false,
  samples,
  check,
  note,
  status,
}) {
  const ratio = Number.isFinite(ours) && Number.isFinite(base) && base > 0 ? ours / base : Number.NaN;
  let met;
  if (limit !== undefined) met = Number.isFinite(ours) ? ours <= limit && !oursAtLeast : undefined;
  else if (target !== undefined && Number.isFinite(ratio)) met = ratio <= target && !oursAtLeast;
  return {
    suite,
    id,
    title,
    ours,
    base,
    baseName,
    ratio,
    target,
    limit,
    oursAtLeast,
    baseAtLeast,
    met,
    samples,
    check,
    note,
    status,
  };
}

export function formatTable(rows) {
  const header = ['case', 'ours ms', 'base ms', 'base', 'ratio', 'target', '', 'check'];
  const bound = (flag, text) => (flag && text !== '–' ? `> ${text}` : text);
  const body = rows.map((r) => [
    r.title ?? r.id,
    r.status ?? bound(r.oursAtLeast, fmtMs(r.ours)),
    bound(r.baseAtLeast, fmtMs(r.base)),
    r.baseName ?? '',
    Number.isFinite(r.ratio)
      ? `${r.baseAtLeast ? '< ' : r.oursAtLeast ? '> ' : ''}${r.ratio.toFixed(2)}×`
      : '–',
    r.limit !== undefined ? `≤ ${r.limit} ms` : r.target !== undefined ? `≤ ${r.target.toFixed(2)}×` : '–',
    r.met === undefined ? '–' : r.met ? '✓' : '✗',
    r.check ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const numeric = new Set([1, 2, 4, 5]);
  const line = (cells) =>
    `| ${cells.map((c, i) => (numeric.has(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export function writeJson(file, data) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** Newest modification time of any file under `dir`. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const mtime = statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/**
 * Makes sure a server's build output exists: builds it (and what it depends on) through turbo
 * when missing or when `force` is set, and warns when the sources are newer than the output.
 */
export function ensureBuilt({ filter, output, sources, force = false }) {
  const rel = path.relative(repoRoot, output);
  if (force || !existsSync(output)) {
    log(`building ${filter} (${force ? '--build' : `${rel} is missing`})…`);
    const result = spawnSync(
      'pnpm',
      ['exec', 'turbo', 'run', 'build', `--filter=${filter}`, '--output-logs=errors-only'],
      {
        cwd: repoRoot,
        stdio: 'inherit',
      },
    );
    if (result.status !== 0 || !existsSync(output)) {
      const what =
        result.status !== 0 ? `the build failed (exit ${result.status})` : `${rel} is still missing`;
      throw new BenchError(
        `could not build ${filter}: ${what}. Run \`pnpm -F ${filter}... build\` and fix the errors it shows.`,
      );
    }
  } else if (sources && newestMtime(sources) > statSync(output).mtimeMs) {
    log(`warning: ${rel} is older than its sources; run with --build (or \`pnpm bench\`) to rebuild first`);
  }
}

/** Seeded PRNG (mulberry32): the same seed gives the same fixture on every machine. */
export function rng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

export const log = (message) => process.stderr.write(`${message}\n`);
