import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN } from './seed.js';
import { startFakeSlack } from './server.js';

/** What `pnpm --filter @refmcp/fake-slack start` runs once the build is done. */
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function start(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const url = /listening at (\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
  // Runs that are meant to fail never listen; awaiting `listening` still sees the rejection.
  listening.catch(() => {});
  return { child, listening, exited, output: () => out };
}

describe('the start command', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  it('is the one the package script runs', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.scripts.start).toMatch(/&& node dist\/cli\.js$/);
  });

  it('starts seeded on the port asked for (after a `--`, as pnpm passes it), answers, says how to point the server at it, and stops on Ctrl-C', async () => {
    const run = start(['--', '--port', '0']);
    children.push(run.child);
    const url = await run.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(url).toMatch(/\/api\/$/);
    const auth = await fetch(`${url}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}` },
    });
    expect(await auth.json()).toMatchObject({ ok: true, user_id: 'U0BOT' });
    const channels = await fetch(`${url}conversations.list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}` },
    });
    expect(await channels.json()).toMatchObject({
      ok: true,
      channels: expect.arrayContaining([expect.objectContaining({ name: 'general' })]),
    });
    expect(run.output()).toContain(`SLACK_BOT_TOKEN=${BOT_TOKEN} SLACK_API_URL=${url}`);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('says which port is in use, and exits 1', async () => {
    const taken = await startFakeSlack();
    try {
      const port = new URL(taken.apiUrl).port;
      const run = start(['--port', port]);
      children.push(run.child);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(
        `fake-slack: cannot listen: port ${port} is in use; pick another with --port.`,
      );
    } finally {
      await taken.close();
    }
  });

  it('refuses a port that is not a number, with usage, and exits 2', async () => {
    const run = start(['--port', 'eighty']);
    children.push(run.child);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('--port must be a number from 0 to 65535, got "eighty".');
  });
});
