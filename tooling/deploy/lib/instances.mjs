// Server instances as child processes on loopback ports, each one killable on its own.
import { spawn } from 'node:child_process';

/**
 * Starts `command ...args --http --port 0` and waits for the "serving Streamable HTTP" log line
 * (`"url":"http://127.0.0.1:N/mcp"`) on stderr to learn its port. Unlike the core test kit's
 * spawnHttpBin, the handle can SIGKILL the process: that is the failure the balancer must absorb.
 */
export async function startInstance({ name, command, args = [], env = {}, timeoutMs = 15_000 }) {
  const child = spawn(command, [...args, '--http', '--port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk) => {
      // Keep the tail only: a long run at debug level must not grow memory without bound.
      stderr = (stderr + chunk.toString()).slice(-50_000);
      const match = stderr.match(/"url":"([^"]+)"/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(new URL(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before serving: ${stderr}`));
    });
  });
  return {
    name,
    url,
    host: url.hostname,
    port: Number(url.port),
    pid: child.pid,
    stderr: () => stderr,
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    /** Graceful: SIGTERM, the server drains running calls, then exits. */
    async stop() {
      if (this.alive) child.kill('SIGTERM');
      return exited;
    },
    /** A crash: no drain, open connections are reset. */
    async kill() {
      if (this.alive) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** `/readyz` where the server has it (it turns 503 while draining), else `/healthz`. */
export async function healthPathOf(instance) {
  const probe = await fetch(new URL('/readyz', instance.url)).catch(() => undefined);
  return probe && probe.status !== 404 ? '/readyz' : '/healthz';
}
