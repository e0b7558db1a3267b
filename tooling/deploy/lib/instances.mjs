// Server instances as child processes on loopback ports, each one killable on its own.
import { spawnHttpBin } from '@refmcp/core/testing';

/**
 * Starts `command ...args --http --port 0` (through the core test kit's spawnHttpBin, which learns
 * the port from the server's log line). The handle can SIGKILL the process: that is the failure
 * the balancer must absorb.
 */
export async function startInstance({ name, command, args = [], env = {}, timeoutMs = 15_000 }) {
  const bin = await spawnHttpBin({ command, args, env, timeoutMs }).catch((error) => {
    throw new Error(`${name}: ${error.message}`);
  });
  return {
    name,
    url: bin.url,
    host: bin.url.hostname,
    port: Number(bin.url.port),
    pid: bin.pid,
    stderr: bin.stderr,
    get alive() {
      return bin.alive;
    },
    /** Graceful: SIGTERM, the server drains running calls, then exits. */
    stop: bin.stop,
    /** A crash: no drain, open connections are reset. */
    kill: bin.kill,
  };
}

/** `/readyz` where the server has it (it turns 503 while draining), else `/healthz`. */
export async function healthPathOf(instance) {
  const probe = await fetch(new URL('/readyz', instance.url)).catch(() => undefined);
  return probe && probe.status !== 404 ? '/readyz' : '/healthz';
}
