import { spawn } from 'node:child_process';
/**
 * Starts a built server binary in HTTP mode on a free port (`--http --port 0`) and waits for the
 * "serving Streamable HTTP" log line on stderr to learn its URL.
 */
export async function spawnHttpBin(options) {
    const child = spawn(options.command, [...(options.args ?? []), '--http', '--port', '0'], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, ...options.env },
    });
    let stderr = '';
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const url = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`server did not start within ${options.timeoutMs ?? 15_000} ms: ${stderr}`));
        }, options.timeoutMs ?? 15_000);
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
            reject(new Error(`server exited with ${code}: ${stderr}`));
        });
    });
    const signal = async (name) => {
        if (child.exitCode === null && child.signalCode === null)
            child.kill(name);
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
