// Two filesystem server instances behind HAProxy; one is SIGKILLed while clients are calling.
// HAProxy must be installed (.ci/run installs it): without it these tests fail with the install
// command, never skip, and `pnpm check` stops before them (require-haproxy.mjs).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCluster } from './cluster.mjs';
import { haproxyVersion, renderConfig, writeCheckedConfig } from './haproxy.mjs';
import { resolveLimits, WIDE_OPEN } from './limits.mjs';
import { runLoad } from './load.mjs';

const CLIENTS = 16;

/** Runs the load on 2 instances and SIGKILLs the second after 30% of the calls. */
async function loadWithKill(era, calls) {
  // The guards stay out of the way here (all calls come from one address): this is about failover.
  const cluster = await startCluster({ target: 'filesystem', instances: 2, limits: WIDE_OPEN });
  try {
    const [survivor, victim] = cluster.instances;
    const afterCalls = Math.floor(calls * 0.3);
    const stats = await runLoad({
      url: cluster.url,
      era,
      clients: CLIENTS,
      calls,
      tool: cluster.tool,
      midRun: { afterCalls, action: () => victim.kill() },
    });
    const health = await cluster.stats();
    return { stats, survivor: survivor.name, victim: victim.name, afterCalls, health };
  } finally {
    await cluster.stop();
  }
}

describe('HAProxy in front of refmcp instances', () => {
  it('has HAProxy 2.6 or newer to run against', () => {
    expect(haproxyVersion()).toMatch(/^HAProxy version \d+\.\d+/);
  });

  it('renders a config HAProxy accepts, one checked server per instance', async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), 'refmcp-deploy-cfg-'));
    try {
      const config = renderConfig({
        bind: '127.0.0.1:18080',
        statsSocket: path.join(scratch, 'sock'),
        healthPath: '/readyz',
        servers: [1, 2, 3].map((i) => ({ name: `mcp${i}`, host: '127.0.0.1', port: 18080 + i })),
        limits: resolveLimits({}, 3),
        metricsBind: '127.0.0.1:18089',
      });
      expect(config.match(/^ {2}server mcp\d 127\.0\.0\.1:1808\d id \d$/gm)).toHaveLength(3);
      expect(config).toContain('http-check send meth GET uri /readyz');
      expect(() => writeCheckedConfig(config, path.join(scratch, 'haproxy.cfg'))).not.toThrow();
      // And the check is real: HAProxy refuses a broken line.
      const broken = config.replace('balance leastconn', 'balance no-such-algorithm');
      expect(() => writeCheckedConfig(broken, path.join(scratch, 'broken.cfg'))).toThrow(/haproxy rejected/);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('2026-07-28 (stateless): no call fails when an instance is killed mid-run', async () => {
    const calls = 1000;
    const { stats, survivor, victim, afterCalls, health } = await loadWithKill('modern', calls);
    expect(stats.failures).toEqual({});
    expect(stats.failed).toBe(0);
    expect(stats.ok).toBe(calls);
    // Both instances took calls before the kill; afterwards only the survivor could.
    expect(stats.perInstance[victim]).toBeGreaterThan(0);
    expect(stats.perInstance[victim]).toBeLessThanOrEqual(afterCalls + CLIENTS);
    expect(stats.perInstance[survivor]).toBeGreaterThanOrEqual(calls - afterCalls - CLIENTS);
    expect(health.find((row) => row.name === victim)?.status).toMatch(/^DOWN/);
  });

  it('2025-11-25 (sessions): calls stick to their instance; a dead session answers 404 once, then the client re-initialises', async () => {
    const calls = 500;
    const { stats, survivor, victim } = await loadWithKill('legacy', calls);
    // Sticky routing on Mcp-Session-Id: no call reached an instance that does not hold its session.
    expect(stats.offHome).toBe(0);
    const onVictim = stats.homes[victim] ?? 0;
    expect(onVictim).toBeGreaterThan(0);
    expect(stats.homes[survivor]).toBeGreaterThan(0);
    // Exactly one failed call per session that lived on the killed instance, and that failure is
    // the spec's signal to start over: 404 with "Session not found".
    expect(stats.failed).toBe(onVictim);
    expect(Object.keys(stats.failures)).toEqual([expect.stringMatching(/^HTTP 404: .*Session not found/)]);
    expect(stats.recovered).toBe(onVictim);
    expect(stats.lost).toBe(0);
    expect(stats.ok).toBe(calls);
    expect(stats.sessions).toBe(CLIENTS + onVictim);
  });
});
