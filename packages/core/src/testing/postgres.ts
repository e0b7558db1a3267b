import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './port.js';

/**
 * A real PostgreSQL server for tests, from the system's packages: a fresh data directory in a temp
 * folder, a free loopback port, trust authentication, stopped and removed by `stop()`. When the
 * server is not installed this fails with the command that installs it; tests are never skipped.
 */
export interface TestPostgres {
  /** `postgres://refmcp@127.0.0.1:<port>/postgres` */
  url: string;
  stop(): Promise<void>;
}

/** The PostgreSQL server binaries: Debian keeps them under /usr/lib/postgresql/<major>/bin. */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = majors.map((m) => join(root, m, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  if (!bin) {
    throw new Error(
      'PostgreSQL is not installed: the multi-host token store is tested against a real server. Install it with: apt-get install -y postgresql',
    );
  }
  return bin;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'refmcp-pg-'));
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root; as root (CI), run it as the packages' postgres user.
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    asRoot
      ? (['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] as const)
      : ([join(bin, command), args] as const);
  if (asRoot) {
    chmodSync(dir, 0o777);
  }
  const port = await freePort();
  let started = false;
  const pgCtl = (args: string[]) => {
    const [command, all] = run('pg_ctl', ['-D', data, ...args]);
    execFileSync(command, [...all], { stdio: 'pipe', timeout: 60_000 });
  };
  const stop = async () => {
    if (started) pgCtl(['stop', '-m', 'immediate', '-w']);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [initdb, initArgs] = run('initdb', ['-D', data, '-U', 'refmcp', '--auth=trust', '-E', 'UTF8']);
    execFileSync(initdb, [...initArgs], { stdio: 'pipe', timeout: 60_000 });
    // -w waits until the server accepts connections (pg_ctl polls it; no timing here).
    pgCtl(['start', '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -h 127.0.0.1 -F`]);
    started = true;
    return { url: `postgres://refmcp@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
    await stop();
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
  }
}
