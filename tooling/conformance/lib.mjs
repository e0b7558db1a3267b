/** Small process helpers shared by the conformance run. */
import { spawn } from 'node:child_process';

/** Progress goes to stderr, so stdout stays the summary alone. */
export const log = (line) => process.stderr.write(`conformance: ${line}\n`);

/** npx quietly: the suites and the Inspector need Node 22, which npx fetches once and caches. */
export const npxEnv = () => ({
  ...fixtureEnv(),
  npm_config_loglevel: 'error',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
});

/**
 * Runs a command to completion and collects its output. The child leads its own process group so
 * a timeout stops npx and everything it started, not just npx itself.
 */
export function run(command, args, { env = process.env, timeoutMs = 300_000, cwd } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      stderr += `\n(stopped after ${timeoutMs} ms)`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}${error.message}` });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/**
 * The environment without the servers' own settings: a token or an MCP_AUTH_TOKEN in the caller's
 * shell must not point a server at a real API or lock the suite out. The fixture sets what it needs.
 */
export function fixtureEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(MCP|GITHUB|SLACK|SQLITE)_|^LOG_LEVEL$/.test(key)),
  );
}

/**
 * Starts a built server bin over Streamable HTTP on a free port and waits for the log line that
 * names its URL. The URL uses `localhost`, since the DNS-rebinding scenario needs a name to vary.
 */
export function startHttpBin(bin, args, env) {
  const child = spawn(process.execPath, [bin, ...args, '--http', '--port', '0'], {
    env: { ...fixtureEnv(), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let started = false;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${bin} did not start within 20 s:\n${stderr}`));
    }, 20_000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /"url":"([^"]+)"/.exec(stderr);
      if (!match || started) return;
      started = true;
      clearTimeout(timer);
      const url = new URL(match[1]);
      url.hostname = 'localhost';
      resolve({
        url: url.href,
        stderr: () => stderr,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${bin} exited with ${code}:\n${stderr}`));
    });
  });
}
