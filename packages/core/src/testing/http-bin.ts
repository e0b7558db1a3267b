import { spawn } from 'node:child_process';

export interface HttpBin {
  /** The MCP endpoint the server logged, e.g. `http://127.0.0.1:41234/mcp`. */
  url: URL;
  /** What the server wrote to stderr so far (the last 50,000 characters). */
  stderr(): string;
  pid: number | undefined;
  /** False once the process has exited. */
  readonly alive: boolean;
  /** SIGTERM (the server drains running calls), then resolves when the process has exited. */
  stop(): Promise<void>;
  /** SIGKILL, a crash with no drain, then resolves when the process has exited. */
  kill(): Promise<void>;
}

/**
 * Starts a built server binary in HTTP mode on a free port (`--http --port 0`, or `port` when the
 * URL must be known beforehand, e.g. for `--resource-url`) and waits for the "serving Streamable
 * HTTP" log line on stderr to learn its URL.
 */
export async function spawnHttpBin(options: {
  command: string;
  args?: string[];
  env?: Record<string, string>;
  port?: number;
  timeoutMs?: number;
}): Promise<HttpBin> {
  const port = String(options.port ?? 0);
  const child = spawn(options.command, [...(options.args ?? []), '--http', '--port', port], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${options.timeoutMs ?? 15_000} ms: ${stderr}`));
    }, options.timeoutMs ?? 15_000);
    child.stderr.on('data', (chunk: Buffer) => {
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
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return {
    url,
    stderr: () => stderr,
    pid: child.pid,
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
}
