import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { callTool, spawnStdio } from '@refmcp/core/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./new-server.mjs', import.meta.url));
const BIN = path.join(ROOT, 'node_modules/.bin');

/**
 * `pnpm new-server` in a scratch copy of the workspace layout (a servers folder beside the base
 * tsconfig), so the real workspace and its lockfile are never touched. The new package gets the
 * same dependency links a `pnpm install` would give it: the template's, plus the root's test tools.
 */
let work;
let server;

beforeAll(async () => {
  work = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-new-server-')));
  await mkdir(path.join(work, 'servers'));
  await copyFile(path.join(ROOT, 'tsconfig.base.json'), path.join(work, 'tsconfig.base.json'));
  const { stdout } = await exec(process.execPath, [
    SCRIPT,
    'issue-tracker',
    '--dir',
    path.join(work, 'servers'),
    '--no-install',
  ]);
  expect(stdout).toContain('Created');
  server = path.join(work, 'servers/issue-tracker');
  await linkDependencies(server);
}, 60_000);

afterAll(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

it('renames everything: no trace of the template in names, text or file names', async () => {
  const pkg = JSON.parse(await readFile(path.join(server, 'package.json'), 'utf8'));
  expect(pkg).toMatchObject({
    name: '@refmcp/server-issue-tracker',
    bin: { 'refmcp-issue-tracker': 'bin/refmcp-issue-tracker.js' },
    mcpName: 'io.github.refmcp/server-issue-tracker',
  });
  for (const file of await filesUnder(server)) {
    expect(file).not.toMatch(/template/i);
    expect(await readFile(path.join(server, file), 'utf8'), file).not.toMatch(/template/i);
  }
  expect(await readFile(path.join(server, 'src/config.ts'), 'utf8')).toContain(
    "env: 'ISSUE_TRACKER_MAX_TEXT_LENGTH'",
  );
  expect(await readFile(path.join(server, 'src/deps.ts'), 'utf8')).toContain('IssueTrackerDeps');
});

it('builds, passes its own tests, and answers a real client over stdio', async () => {
  const env = {
    ...process.env,
    PATH: `${BIN}${path.delimiter}${process.env.PATH}`,
    REFMCP_SKIP_PACK_TEST: '1',
  };
  await exec('tsc', ['-p', 'tsconfig.build.json'], { cwd: server, env });
  const tests = await exec('vitest', ['run'], { cwd: server, env }).catch((error) => error);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the runner's colour codes
  const summary = String(tests.stdout).replace(/\x1b\[[0-9;]*m/g, '');
  expect(summary, tests.stderr).toMatch(/Tests\s+\d+ passed/);
  expect(summary).not.toMatch(/failed/);
  expect(tests.code ?? 0, tests.stdout).toBe(0);

  const spawned = await spawnStdio({ command: process.execPath, args: [path.join(server, 'dist/index.js')] });
  try {
    expect(spawned.client.getServerVersion()?.name).toBe('refmcp-issue-tracker');
    const out = await callTool(spawned.client, 'word_count', { text: 'a new server' });
    expect(out.structured).toMatchObject({ words: 3 });
  } finally {
    await spawned.close();
  }
}, 120_000);

it('refuses a bad or taken name with one line and exit code 2', async () => {
  for (const args of [['Bad_Name'], ['template'], ['issue-tracker']]) {
    const result = await exec(process.execPath, [
      SCRIPT,
      ...args,
      '--dir',
      path.join(work, 'servers'),
      '--no-install',
    ]).catch((error) => error);
    expect(result.code, args[0]).toBe(2);
    expect(result.stderr).toMatch(/^new-server: /);
  }
});

async function linkDependencies(dir) {
  const from = path.join(ROOT, 'servers/template/node_modules');
  const to = path.join(dir, 'node_modules');
  await mkdir(to);
  for (const entry of await readdir(from)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@')
      ? (await readdir(path.join(from, entry))).map((n) => `${entry}/${n}`)
      : [entry];
    for (const name of names) {
      await mkdir(path.dirname(path.join(to, name)), { recursive: true });
      await symlink(await realpath(path.join(from, name)), path.join(to, name));
    }
  }
  // What the workspace root provides every package: the test runner and Node's types.
  for (const name of ['vitest', '@types/node']) {
    await mkdir(path.dirname(path.join(to, name)), { recursive: true });
    await symlink(await realpath(path.join(ROOT, 'node_modules', name)), path.join(to, name));
  }
}

async function filesUnder(dir, prefix = '') {
  const out = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    if (entry.isDirectory()) out.push(...(await filesUnder(dir, rel)));
    else out.push(rel);
  }
  return out;
}
