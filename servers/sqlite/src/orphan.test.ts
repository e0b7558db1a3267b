import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { childrenOf, spawnStdio, waitUntil } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDatabase } from './test-helpers.js';

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const RUNAWAY =
  'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1e12) SELECT count(*) FROM n';

/** CPU time a process has used, in clock ticks (user + system). */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Running or sleeping; a killed process waiting to be reaped (a zombie) has stopped working. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * A server killed with no chance to clean up (SIGKILL, the OOM killer) must not leave a database
 * worker spinning on a runaway query, holding a core and the database's locks.
 */
describe.skipIf(process.platform !== 'linux')('a SIGKILLed server', () => {
  const stray: number[] = [];
  afterEach(() => {
    for (const pid of stray.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('leaves no database worker running its runaway query', async () => {
    const db = makeDatabase();
    let server: Awaited<ReturnType<typeof spawnStdio>> | undefined;
    try {
      server = await spawnStdio({
        command: process.execPath,
        args: [BIN, '--query-timeout', '600000', '--tool-timeout', '600000', db.file],
      });
      const pid = server.pid as number;
      const running = server.client
        .callTool({ name: 'read_query', arguments: { query: RUNAWAY } })
        .catch(() => {});
      // Killed only once a worker is deep in the query (readers start on demand, and an idle one
      // would exit on its own): a second of CPU is far beyond what starting one costs.
      await waitUntil(
        () => childrenOf(pid).some((w) => cpuTicks(w) > 100),
        'a worker to run the query',
        15_000,
      );
      const workers = childrenOf(pid);
      stray.push(...workers);
      process.kill(pid, 'SIGKILL');
      await waitUntil(() => workers.every((w) => !alive(w)), 'the orphaned workers to end', 15_000);
      expect(workers.filter(alive)).toEqual([]);
      // The workers share the server's stderr: only once they are gone does the client see the end.
      await running;
    } finally {
      await server?.close().catch(() => {});
      db.cleanup();
    }
  }, 45_000);
});
