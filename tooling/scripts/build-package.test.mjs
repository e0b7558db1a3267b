import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, onTestFinished } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./build-package.mjs', import.meta.url));
const TSC_BIN = path.join(ROOT, 'node_modules/.bin');

/** A package folder in a temp dir with a previous build in dist/ and `source` as src/index.ts. */
async function makePackage(source) {
  const dir = await mkdtemp(path.join(tmpdir(), 'refmcp-build-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await mkdir(path.join(dir, 'src'));
  await mkdir(path.join(dir, 'dist'));
  await writeFile(path.join(dir, 'src/index.ts'), source);
  await writeFile(path.join(dir, 'dist/index.js'), '// the previous build\n');
  await writeFile(path.join(dir, 'dist/gone.js'), '// a file the new build no longer makes\n');
  await writeFile(
    path.join(dir, 'tsconfig.build.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2023', module: 'NodeNext', strict: true, rootDir: 'src', types: [] },
      include: ['src'],
    }),
  );
  return dir;
}

/** Runs build-package.mjs in `dir` with `binDir` first on PATH (where `tsc` is found). */
function build(dir, { args = [], binDir = TSC_BIN } = {}) {
  // Its own process group, so a test can send Ctrl-C to the script and its tsc as a terminal does.
  const child = spawn(process.execPath, [SCRIPT, ...args], {
    cwd: dir,
    env: { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.resume();
  child.stderr.resume();
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, exited };
}

const leftovers = async (dir) => (await readdir(dir)).filter((name) => name.startsWith('.dist-'));

it('every package builds through build-package.mjs, never by deleting dist first', async () => {
  const dirs = ['packages', 'servers', 'tooling'];
  for (const group of dirs) {
    for (const name of await readdir(path.join(ROOT, group))) {
      const pkg = JSON.parse(
        await readFile(path.join(ROOT, group, name, 'package.json'), 'utf8').catch(() => '{}'),
      );
      const script = pkg.scripts?.build;
      if (script === undefined) continue;
      expect(script, `${group}/${name}`).toMatch(
        /^node \.\.\/\.\.\/tooling\/scripts\/build-package\.mjs( --bin( --bundle)?)?$/,
      );
    }
  }
});

it('replaces dist whole when the compile succeeds, and marks the entry executable with --bin', async () => {
  const dir = await makePackage('export const answer: number = 42;\n');
  const run = build(dir, { args: ['--bin'] });
  expect(await run.exited).toBe(0);
  expect(await readdir(path.join(dir, 'dist'))).toEqual(['index.js']);
  expect(await readFile(path.join(dir, 'dist/index.js'), 'utf8')).toContain('answer = 42');
  expect((await stat(path.join(dir, 'dist/index.js'))).mode & 0o111).not.toBe(0);
  expect(await leftovers(dir)).toEqual([]);
});

it('with --bundle, also writes dist/bin.js: the entry and what it imports in one file that runs alone', async () => {
  const dir = await makePackage(
    "import { double } from './double.js';\nexport const answer: number = double(21);\nconsole.log('answer', answer);\n",
  );
  await writeFile(path.join(dir, 'src/double.ts'), 'export const double = (n: number): number => n * 2;\n');
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  const run = build(dir, { args: ['--bin', '--bundle'] });
  expect(await run.exited).toBe(0);
  expect((await readdir(path.join(dir, 'dist'))).sort()).toEqual(['bin.js', 'double.js', 'index.js']);
  expect((await stat(path.join(dir, 'dist/bin.js'))).mode & 0o111).not.toBe(0);
  const bundled = await readFile(path.join(dir, 'dist/bin.js'), 'utf8');
  expect(bundled).not.toMatch(/from ['"]\.\/double\.js['"]/);
  // Runs with nothing beside it: the module it imported is inside.
  const alone = await mkdtemp(path.join(tmpdir(), 'refmcp-bundle-'));
  onTestFinished(() => rm(alone, { recursive: true, force: true }));
  await writeFile(path.join(alone, 'bin.mjs'), bundled);
  const child = spawn(process.execPath, [path.join(alone, 'bin.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  await new Promise((resolve) => child.once('exit', resolve));
  expect(out).toBe('answer 42\n');
  expect(await leftovers(dir)).toEqual([]);
});

it('keeps the previous dist when the compile fails, and leaves no temporary folder', async () => {
  const dir = await makePackage('export const answer: number = "not a number";\n');
  const run = build(dir);
  expect(await run.exited).not.toBe(0);
  expect(await readFile(path.join(dir, 'dist/index.js'), 'utf8')).toBe('// the previous build\n');
  expect(await leftovers(dir)).toEqual([]);
});

it('keeps the previous dist when interrupted mid-compile (Ctrl-C), and leaves no temporary folder', async () => {
  const dir = await makePackage('export const answer = 42;\n');
  // A tsc that has written part of its output and is still working when Ctrl-C comes.
  const fakeBin = path.join(dir, 'fake-bin');
  await mkdir(fakeBin);
  await writeFile(
    path.join(fakeBin, 'tsc'),
    [
      '#!/usr/bin/env node',
      "const fs = require('node:fs');",
      "const out = process.argv[process.argv.indexOf('--outDir') + 1];",
      'fs.mkdirSync(out, { recursive: true });',
      "fs.writeFileSync(out + '/index.js', '// half written');",
      "fs.writeFileSync('compiling', '');",
      'setInterval(() => {}, 1000);',
    ].join('\n'),
  );
  await chmod(path.join(fakeBin, 'tsc'), 0o755);
  const run = build(dir, { binDir: fakeBin });
  await waitFor(
    () =>
      stat(path.join(dir, 'compiling')).then(
        () => true,
        () => false,
      ),
    'tsc to start',
  );
  // Ctrl-C reaches the whole foreground process group: the build script and its tsc.
  process.kill(-run.child.pid, 'SIGINT');
  expect(await run.exited).not.toBe(0);
  expect(await readFile(path.join(dir, 'dist/index.js'), 'utf8')).toBe('// the previous build\n');
  expect(await leftovers(dir)).toEqual([]);
});

it('removes what a run killed outright left behind', async () => {
  const dir = await makePackage('export const answer = 42;\n');
  // A pid that cannot be running: above Linux's pid_max.
  await mkdir(path.join(dir, '.dist-next-99999999'));
  await mkdir(path.join(dir, '.dist-old-99999998'));
  const run = build(dir);
  expect(await run.exited).toBe(0);
  expect(await leftovers(dir)).toEqual([]);
});

/** Polls an async `check` every 10 ms until it holds; throws naming `what` after 15 s. */
async function waitFor(check, what) {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
