// HAProxy as a child process: render the config from the template, start it in the foreground,
// read its per-instance counters from the stats socket.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { edgeJwtRules, edgeUnauthorizedRules } from './edge-jwt.mjs';

const TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'haproxy.cfg.template');

/** The oldest HAProxy the config is written for (Debian bookworm ships 2.6). */
export const MIN_HAPROXY = [2, 6];

export const INSTALL_HAPROXY =
  'Install it with `sudo apt-get install -y haproxy` (Debian, Ubuntu; run `sudo apt-get update` first ' +
  'on a new machine), `sudo dnf install -y haproxy` (Fedora) or `brew install haproxy` (macOS). ' +
  '.ci/run installs it in CI.';

/**
 * Debian and Fedora install haproxy in /usr/sbin, which is not on an ordinary user's PATH: look
 * there after PATH, so an installed HAProxy is found without changing anyone's shell.
 */
const SBIN_DIRS = ['/usr/sbin', '/usr/local/sbin'];

/** The haproxy executable: the first on PATH, else in an sbin folder; undefined when there is none. */
export function findHaproxy({ searchPath = process.env.PATH ?? '', fallbacks = SBIN_DIRS } = {}) {
  for (const dir of [...searchPath.split(path.delimiter).filter(Boolean), ...fallbacks]) {
    const file = path.join(dir, 'haproxy');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return undefined;
}

/**
 * HAProxy's version line, e.g. "HAProxy version 2.6.12-1+deb12u1 2023/12/16 - https://haproxy.org/".
 * Throws a message that says how to install it when it is missing or older than 2.6: the deploy
 * tests need it, and are never skipped for lack of it.
 */
export function haproxyVersion(where = {}) {
  const bin = findHaproxy(where);
  const probe = bin ? spawnSync(bin, ['-v'], { encoding: 'utf8' }) : undefined;
  if (!probe || probe.error || probe.status !== 0) {
    throw new Error(`HAProxy 2.6 or newer is needed and haproxy is not installed. ${INSTALL_HAPROXY}`);
  }
  const line = probe.stdout.split('\n')[0] ?? '';
  const [major = 0, minor = 0] = (/version (\d+)\.(\d+)/.exec(line) ?? []).slice(1).map(Number);
  if (major < MIN_HAPROXY[0] || (major === MIN_HAPROXY[0] && minor < MIN_HAPROXY[1])) {
    throw new Error(`HAProxy 2.6 or newer is needed; found "${line.trim()}" (${bin}). ${INSTALL_HAPROXY}`);
  }
  return line;
}

/**
 * The config for `servers` ({ name, host, port }), listening on `bind` (host:port), checking each
 * instance at `healthPath` (/readyz where the servers have it, else /healthz), with `limits`
 * (resolveLimits: checked, complete), metrics on `metricsBind`, and tokens checked at the edge
 * when `edgeJwt` ({ keyFile, alg, issuer, resourceUrl }) is given.
 */
export function renderConfig({ bind, statsSocket, healthPath, servers, limits, metricsBind, edgeJwt }) {
  // Explicit ids: the streams backend reads the session table of backend mcp, which stores ids.
  const line = (s, i, extra) => `  server ${s.name} ${s.host}:${s.port} id ${i + 1}${extra}`;
  const values = {
    BIND: bind,
    STATS_SOCKET: statsSocket,
    HEALTH_PATH: healthPath,
    METRICS_BIND: metricsBind,
    SERVERS: servers.map((s, i) => line(s, i, '')).join('\n'),
    STREAM_SERVERS: servers.map((s, i) => line(s, i, ` track mcp/${s.name}`)).join('\n'),
    EDGE_JWT: edgeJwt ? edgeJwtRules(edgeJwt) : '',
    EDGE_401: edgeUnauthorizedRules(edgeJwt),
    INSTANCE_MAXCONN: limits.instanceMaxconn,
    STREAM_MAXCONN: limits.streamMaxconn,
    MAX_QUEUE: limits.maxQueue,
    QUEUE_TIMEOUT: limits.queueTimeout,
    RATE_LIMIT: limits.rateLimit,
    RATE_PERIOD: limits.ratePeriod,
    RATE_EXPIRE: limits.rateExpire,
    RATE_RETRY_AFTER: limits.rateRetryAfter,
    CALLER_CONCURRENCY: limits.callerConcurrency,
    SHED_RETRY_AFTER: limits.shedRetryAfter,
  };
  return readFileSync(TEMPLATE, 'utf8').replace(/\{\{(\w+)\}\}/g, (match, key) => {
    if (!(key in values) || values[key] === undefined)
      throw new Error(`haproxy.cfg.template: no value for ${match}`);
    return String(values[key]);
  });
}

/** Writes `config` to `file` and has HAProxy check it (`haproxy -c`); throws with its complaints. */
export function writeCheckedConfig(config, file) {
  haproxyVersion();
  writeFileSync(file, config);
  const check = spawnSync(findHaproxy(), ['-c', '-q', '-f', file], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy rejected ${file}:\n${check.stdout}${check.stderr}`);
}

/**
 * Validates and starts HAProxy with `config` written to `file`; resolves once it accepts requests.
 * Its access log (stdout) goes to `onLogLine`, and its last 20,000 to 40,000 lines are kept for
 * accessLog().
 */
export async function startHaproxy({ config, file, url, onLogLine }) {
  writeCheckedConfig(config, file);
  // -db: stay in the foreground, so this process owns HAProxy and it dies with a SIGTERM from us.
  const child = spawn(findHaproxy(), ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const log = [];
  let partial = '';
  child.stdout.on('data', (chunk) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      log.push(line);
      onLogLine?.(line);
    }
    // A long load run must not grow memory without bound.
    if (log.length > 40_000) log.splice(0, 20_000);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}: ${stderr}`);
    const ok = await fetch(new URL('/healthz', url)).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not serve ${url} within 10 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    pid: child.pid,
    stderr: () => stderr,
    accessLog: () => log.join('\n'),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One command on the stats socket; the answer as text. */
export function statsCommand(socketPath, command) {
  return new Promise((resolve, reject) => {
    let out = '';
    const socket = connect(socketPath, () => socket.end(`${command}\n`));
    socket.on('data', (chunk) => {
      out += chunk.toString();
    });
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

/** Requests waiting in `backend`'s own queue now, not yet given to an instance (qcur of its row). */
export async function backendQueued(socketPath, backend = 'mcp') {
  const csv = await statsCommand(socketPath, 'show stat');
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const row = rows.map((r) => r.split(',')).find((cells) => cells[0] === backend && cells[1] === 'BACKEND');
  return Number(row?.[columns.indexOf('qcur')] ?? 0);
}

/**
 * Per-instance rows of a backend: name, status (UP/DOWN), stot (requests sent there in total),
 * scur (in flight now), qcur (waiting in its queue now).
 */
export async function backendStats(socketPath, backend = 'mcp') {
  const csv = await statsCommand(socketPath, 'show stat');
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const at = (name) => columns.indexOf(name);
  return rows
    .map((row) => row.split(','))
    .filter(
      (cells) => cells[at('pxname')] === backend && !['BACKEND', 'FRONTEND'].includes(cells[at('svname')]),
    )
    .map((cells) => ({
      name: cells[at('svname')],
      status: cells[at('status')],
      stot: Number(cells[at('stot')]),
      scur: Number(cells[at('scur')]),
      qcur: Number(cells[at('qcur')]),
    }));
}
