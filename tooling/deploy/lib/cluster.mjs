// N instances of one server behind one HAProxy, all on loopback: what launch.mjs, the load test
// and the CI test share.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@refmcp/core/testing';
import { checkEdgeJwt } from './edge-jwt.mjs';
import { backendQueued, backendStats, haproxyVersion, renderConfig, startHaproxy } from './haproxy.mjs';
import { healthPathOf, startInstance } from './instances.mjs';
import { resolveLimits } from './limits.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/**
 * The servers the tooling knows how to start, with a cheap read-only tool for load. `floor` is a
 * bare SDK v2 server answering `list_allowed_directories` as the filesystem server does: the cost
 * of the SDK and Node alone.
 */
export const TARGETS = {
  filesystem: {
    tool: 'list_allowed_directories',
    async prepare(scratch) {
      const dir = path.join(scratch, 'files');
      await mkdir(dir);
      await writeFile(path.join(dir, 'hello.txt'), 'hello\n');
      const bin = path.join(path.dirname(require.resolve('@refmcp/server-filesystem')), 'index.js');
      return { command: process.execPath, args: [bin, dir] };
    },
  },
  /**
   * The filesystem server doing real work per call: a literal search through 40 files of 16 kB
   * (one match). A few ms of an instance's CPU per call, so the instances, not the load
   * generator, run out first: the guard load test offers this one.
   */
  'filesystem-search': {
    tool: 'search_content',
    async prepare(scratch) {
      const dir = path.join(scratch, 'corpus');
      await mkdir(dir);
      const filler = 'lorem ipsum dolor sit amet, consectetur adipiscing elit\n'.repeat(290);
      for (let i = 0; i < 40; i++) {
        await writeFile(path.join(dir, `doc${i}.txt`), i === 7 ? `${filler}the needle is here\n` : filler);
      }
      const bin = path.join(path.dirname(require.resolve('@refmcp/server-filesystem')), 'index.js');
      return {
        command: process.execPath,
        args: [bin, dir],
        toolArgs: { path: dir, pattern: 'needle', literal: true },
      };
    },
  },
  floor: {
    tool: 'list_allowed_directories',
    async prepare(scratch) {
      const dir = path.join(scratch, 'files');
      await mkdir(dir);
      return { command: process.execPath, args: [path.join(here, '..', 'floor-server.mjs'), '--dir', dir] };
    },
  },
};

/** A free loopback port for HAProxy to bind (it cannot be told "port 0, tell me which"). */
/**
 * Starts `instances` copies of `target` (a TARGETS name, or { command, args, tool }) and HAProxy
 * in front on `port` (0: a free one). `extraArgs` go to every instance, e.g. --allowed-hosts when
 * clients reach the proxy under a name that is not loopback. `limits` (see limits.mjs) and
 * `edgeJwt` (see edge-jwt.mjs) shape the gateway; metrics are served on `metricsPort` (0: a free
 * one); each access-log line goes to `onLogLine`.
 */
export async function startCluster({
  target = 'filesystem',
  instances = 3,
  port = 0,
  extraArgs = [],
  limits = {},
  edgeJwt,
  metricsPort = 0,
  onLogLine,
} = {}) {
  haproxyVersion();
  // Checked before anything starts: a bad flag is an error message, not a half-started cluster.
  const resolvedLimits = resolveLimits(limits, instances);
  if (edgeJwt) checkEdgeJwt(edgeJwt);
  const spec = typeof target === 'string' ? TARGETS[target] : target;
  if (!spec) throw new Error(`unknown target ${target}; known: ${Object.keys(TARGETS).join(', ')}`);
  const scratch = await mkdtemp(path.join(tmpdir(), 'refmcp-deploy-'));
  const started = [];
  let proxy;
  const stop = async () => {
    try {
      await proxy?.stop();
      await Promise.all(started.map((instance) => instance.stop()));
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  };
  try {
    const { command, args, toolArgs = {}, env = {} } = spec.prepare ? await spec.prepare(scratch) : spec;
    for (let i = 1; i <= instances; i++) {
      const name = `mcp${i}`;
      started.push(await startInstance({ name, command, args: [...args, ...extraArgs], env }));
    }
    const bindPort = port || (await freePort());
    const url = new URL(`http://127.0.0.1:${bindPort}/mcp`);
    const metricsUrl = new URL(`http://127.0.0.1:${metricsPort || (await freePort())}/metrics`);
    const statsSocket = path.join(scratch, 'haproxy.sock');
    const config = renderConfig({
      bind: `127.0.0.1:${bindPort}`,
      statsSocket,
      healthPath: await healthPathOf(started[0]),
      servers: started,
      limits: resolvedLimits,
      metricsBind: metricsUrl.host,
      edgeJwt,
    });
    proxy = await startHaproxy({ config, file: path.join(scratch, 'haproxy.cfg'), url, onLogLine });
    const cluster = {
      url,
      metricsUrl,
      limits: resolvedLimits,
      accessLog: () => proxy.accessLog(),
      tool: spec.tool,
      /** Arguments for `tool` (the search target's need the corpus path). */
      toolArgs,
      instances: started,
      haproxy: proxy,
      configFile: path.join(scratch, 'haproxy.cfg'),
      /** Per-instance rows of `backend` (mcp: calls; mcp_streams: notification streams). */
      stats: (backend = 'mcp') => backendStats(statsSocket, backend),
      /** Calls waiting in the backend's own queue (for any instance), not counted in stats(). */
      queued: (backend = 'mcp') => backendQueued(statsSocket, backend),
      /** Resolves when HAProxy's health checks see `count` instances UP. */
      async waitUp(count = started.length, timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          // The stats socket may not be there yet on a loaded machine: asked again until the deadline.
          const rows = await backendStats(statsSocket).catch((error) => error);
          if (Array.isArray(rows) && rows.filter((row) => row.status === 'UP').length === count) return rows;
          if (Date.now() > deadline) {
            const seen = rows instanceof Error ? `stats socket: ${rows.message}` : JSON.stringify(rows);
            throw new Error(
              `expected ${count} instances UP: ${seen}\nhaproxy: ${proxy.stderr().slice(-2000)}`,
            );
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
      stop,
    };
    await cluster.waitUp();
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}
