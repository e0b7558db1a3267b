/**
 * Runs one prepared README snippet the way a host would, in an empty folder with the registry
 * pointed at the local one, and talks to it with the SDK's client: `initialize` (the 2025-11-25
 * era), then the package's probe tool call. Over stdio the client spawns the command itself; an
 * `--http` snippet is started in its own process group and reached at the URL it logs.
 */
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { callTool, clientOptionsFor, connectHttp } from '@refmcp/core/testing';
import { killTree, onCleanup, startGroup } from './processes.mjs';

/**
 * `prepared` from snippets.prepare; `probe` from probes; `arguments` from its setUp. `timeoutMs`
 * bounds the start (the first run of a package installs it, and better-sqlite3 may compile).
 * Resolves to `{ version, seconds: { start, call } }`; throws with the server's stderr on failure.
 */
export async function runSnippet({ prepared, probe, toolArgs, env, cwd, timeoutMs }) {
  const began = performance.now();
  const session = prepared.http
    ? await startHttp(prepared, { env, cwd, timeoutMs })
    : await startStdio(prepared, { env, cwd, timeoutMs });
  try {
    const started = performance.now();
    const out = await callTool(session.client, probe.tool, toolArgs, { timeout: 120_000 });
    const problem = out.isError ? `${probe.tool} failed: ${out.text}` : probe.check(out);
    if (problem) throw new Error(`${probe.tool}: ${problem}`);
    return {
      server: session.client.getServerVersion(),
      seconds: { start: (started - began) / 1000, call: (performance.now() - started) / 1000 },
    };
  } catch (error) {
    error.message += `\n--- server stderr (last lines) ---\n${tail(session.stderr())}`;
    throw error;
  } finally {
    await session.close();
  }
}

async function startStdio(prepared, { env, cwd, timeoutMs }) {
  const transport = new StdioClientTransport({
    command: prepared.command,
    args: prepared.args,
    env: { ...env, ...prepared.env },
    cwd,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-100_000);
  });
  // An interrupted run must not leave npx installing (or compiling) behind it.
  const kill = onCleanup(() => killTree(transport.pid));
  const client = new Client({ name: 'refmcp-release-dry-run', version: '0.0.0' }, clientOptionsFor('legacy'));
  try {
    await client.connect(transport, { timeout: timeoutMs });
  } catch (error) {
    await client.close().catch(() => {});
    kill();
    throw new Error(`${error.message}\n--- server stderr (last lines) ---\n${tail(stderr)}`);
  }
  // Closing stdin ends the server (and npx with it), as a host quitting would.
  const close = async () => {
    await client.close();
    kill();
  };
  return { client, stderr: () => stderr, close };
}

async function startHttp(prepared, { env, cwd, timeoutMs }) {
  const server = startGroup(prepared.command, prepared.args, { cwd, env: { ...env, ...prepared.env } });
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "serving" log line within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const look = () => {
        const match = server.output().match(/"url":"([^"]+)"/);
        if (match) {
          clearTimeout(timer);
          resolve(new URL(match[1]));
        }
      };
      server.child.stderr.on('data', look);
      server.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code} before serving`));
      });
    });
    const headers = prepared.authToken ? { authorization: `Bearer ${prepared.authToken}` } : {};
    const client = await connectHttp(url, 'legacy', { headers });
    return {
      client,
      stderr: server.output,
      close: async () => {
        await client.close().catch(() => {});
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw new Error(`${error.message}\n--- server output (last lines) ---\n${tail(server.output())}`);
  }
}

const tail = (text) => text.trimEnd().split('\n').slice(-25).join('\n');
