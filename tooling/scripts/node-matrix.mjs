#!/usr/bin/env node
// Runs the test suite (turbo `test`) again on each Node.js line users run, after `pnpm check` has
// run everything on the Node.js on PATH. Each Node comes from the npm registry as the official
// build (`node-<platform>-<arch>`, which ships the headers a native addon compiles against), so
// nothing else is downloaded. better-sqlite3 is the one native dependency: its build is swapped per
// Node and the one the workspace was installed with is put back at the end, even on failure.
//
//   node tooling/scripts/node-matrix.mjs            every line in NODES but the one running it
//   node tooling/scripts/node-matrix.mjs 26 22      only these, in this order
//   eval "$(node tooling/scripts/node-matrix.mjs --env 24)"
//                                                   puts Node 24 first on PATH in this shell (how
//                                                   CI runs everything on a supported Node)
//
// Builds and downloads are kept in node_modules/.cache/node-matrix, so a second run only tests.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

/** The Node.js versions CI tests on besides the one on PATH (keep in step with ci.yml). */
export const NODES = { 22: '22.23.5', 24: '24.22.3', 26: '26.12.1' };

const root = fileURLToPath(new URL('../..', import.meta.url));
const cache = path.join(root, 'node_modules/.cache/node-matrix');
const log = (line) => console.log(`node-matrix: ${line}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function output(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout.trim();
}

/** The official build of one Node version, unpacked from the npm registry once. */
function fetchNode(version) {
  const dir = path.join(cache, `node-${version}`);
  const bin = path.join(dir, 'bin/node');
  if (!existsSync(bin)) {
    const tmp = mkdtempSync(path.join(cache, 'download-'));
    try {
      const name = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
      const tarball = output('npm', ['pack', '--silent', `${name}@${version}`, '--pack-destination', tmp]);
      output('tar', ['-xzf', path.join(tmp, tarball.split('\n').pop()), '-C', tmp]);
      rmSync(dir, { recursive: true, force: true });
      renameSync(path.join(tmp, 'package'), dir);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  // npm reads its global config from <prefix>/etc/npmrc, the prefix being where node is: give
  // this Node the one of the Node running this script (a registry's CA file can live there, and
  // npx in the tests needs it). Not `npm config get globalconfig`: under pnpm that answers from
  // the npm_config_* variables pnpm sets, not from the file npm would read.
  const globalConfig = path.join(path.dirname(path.dirname(process.execPath)), 'etc/npmrc');
  if (existsSync(globalConfig)) {
    mkdirSync(path.join(dir, 'etc'), { recursive: true });
    copyFileSync(globalConfig, path.join(dir, 'etc/npmrc'));
  }
  return { version, dir, bin, abi: output(bin, ['-p', 'process.versions.modules']) };
}

/** Where better-sqlite3 lives (one copy in the pnpm virtual store) and its version. */
function betterSqlite() {
  const require = createRequire(path.join(root, 'servers/sqlite/package.json'));
  const manifest = require.resolve('better-sqlite3/package.json');
  return { dir: path.dirname(manifest), version: require(manifest).version };
}

/** Can `node` open a database with the build in place? */
function loads(node, sqlite) {
  const probe = `new (require(${JSON.stringify(sqlite.dir)}))(':memory:').prepare('select 1').get()`;
  return spawnSync(node, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

/**
 * Moves the build in place to the cache as the build for `fromAbi`, and brings the cached build
 * for `toAbi` in, if there is one. Renames, never writes: pnpm hard-links a built package's files
 * into its store, so writing over them would change the build of every other checkout too.
 */
function swapBuild(sqlite, fromAbi, toAbi) {
  const builds = path.join(cache, `better-sqlite3-${sqlite.version}`);
  mkdirSync(builds, { recursive: true });
  const inPlace = path.join(sqlite.dir, 'build');
  const saved = (abi) => path.join(builds, `abi-${abi}`);
  if (existsSync(inPlace)) {
    rmSync(saved(fromAbi), { recursive: true, force: true });
    renameSync(inPlace, saved(fromAbi));
  }
  if (existsSync(saved(toAbi))) renameSync(saved(toAbi), inPlace);
  return existsSync(inPlace);
}

/** PATH and npm settings that make `node`, npx, pnpm and node-gyp all use this Node. */
function envFor(node) {
  return {
    ...process.env,
    PATH: `${path.join(node.dir, 'bin')}${path.delimiter}${process.env.PATH}`,
    // node-gyp compiles against these headers instead of downloading them (or using a nodedir
    // set in .npmrc for the machine's own Node).
    npm_config_nodedir: node.dir,
    // Part of the test task's hash: a result cached on one Node is never replayed for another.
    REFMCP_TEST_NODE: node.version,
    // Both compile units of better-sqlite3 at once.
    JOBS: 'max',
  };
}

/** What in a test run's output says what failed, without colours: kept for the end of the log. */
const FAILURE =
  /^(@[^:\s]+:test: )?\s*(FAIL\b|\u00d7 |AssertionError|Error: Test timed out|TypeError|(Test Files|Tests) .*failed|ERROR\b|Failed:)/;

/**
 * Runs a command with its output passed through as it comes, and keeps the lines that name a
 * failure: CI shows only the end of a long log, where these are printed again.
 */
function runKeepingFailures(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['inherit', 'pipe', 'pipe'] });
    const failures = [];
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        out.write(chunk);
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        for (const line of lines.map(stripVTControlCharacters))
          if (FAILURE.test(line)) failures.push(line.trim());
      });
    }
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? 1, failures }));
  });
}

async function leg(node, sqlite, mainAbi) {
  const env = envFor(node);
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  if (!swapBuild(sqlite, mainAbi, node.abi) || !loads(node.bin, sqlite)) {
    log(`Node ${node.version}: compiling better-sqlite3 ${sqlite.version} (ABI ${node.abi})`);
    rmSync(path.join(sqlite.dir, 'build'), { recursive: true, force: true });
    // Its own install script, as pnpm install runs it (a prebuilt binary if one can be
    // downloaded, else node-gyp); at the root it would find no project that depends on it.
    const rebuild = ['-y', 'pnpm@10', '--filter', '@refmcp/server-sqlite', 'rebuild', 'better-sqlite3'];
    const status = run('npx', rebuild, { cwd: root, env });
    if (status !== 0 || !loads(node.bin, sqlite)) {
      return {
        node,
        ok: false,
        note: `better-sqlite3 ${sqlite.version} did not build or load`,
        failures: [],
      };
    }
  }
  const built = seconds();
  log(`Node ${node.version}: better-sqlite3 ready after ${built} s; running the tests`);
  // Two packages at a time, not turbo's ten: on two cores the suites' loop-latency bounds (a ping
  // answered within 2 s while a hostile answer is handled) and 5 s test timeouts were missed when
  // ten suites ran at once (slack's hostile suite on 22, core's audit tests on 26). --continue:
  // one failing package does not hide how the others fare.
  const test = ['-y', 'pnpm@10', 'turbo', 'run', 'test', '--only', '--concurrency=2', '--continue'];
  const { status, failures } = await runKeepingFailures('npx', test, { cwd: root, env });
  // Keep this Node's build for the next run; the main build comes back in main().
  swapBuild(sqlite, node.abi, mainAbi);
  return { node, ok: status === 0, note: `build ${built} s, tests ${seconds() - built} s`, failures };
}

/** Shell lines that make `node`, npm, pnpm and node-gyp in this shell use one of NODES. */
function printEnv(major) {
  const node = fetchNode(NODES[major]);
  const env = envFor(node);
  for (const key of ['PATH', 'npm_config_nodedir', 'REFMCP_TEST_NODE'])
    console.log(`export ${key}='${env[key]}'`);
}

async function main() {
  if (process.argv[2] === '--env') {
    mkdirSync(cache, { recursive: true });
    if (!(process.argv[3] in NODES)) {
      console.error(`node-matrix: --env takes one of ${Object.keys(NODES).join(', ')}`);
      process.exit(2);
    }
    printEnv(process.argv[3]);
    return;
  }
  const running = process.versions.node.split('.')[0];
  const majors =
    process.argv.length > 2 ? process.argv.slice(2) : Object.keys(NODES).filter((m) => m !== running);
  const unknown = majors.filter((m) => !(m in NODES));
  if (unknown.length > 0) {
    console.error(`node-matrix: no Node ${unknown.join(', ')} here; known: ${Object.keys(NODES).join(', ')}`);
    process.exit(2);
  }
  mkdirSync(cache, { recursive: true });
  const sqlite = betterSqlite();
  const mainAbi = process.versions.modules;
  // A run killed mid-leg leaves another Node's build in place: bring the main one back first.
  if (!loads(process.execPath, sqlite)) swapBuild(sqlite, 'interrupted', mainAbi);
  if (!loads(process.execPath, sqlite)) {
    console.error(`node-matrix: better-sqlite3 does not load on ${process.version}; run pnpm install first`);
    process.exit(1);
  }
  // Tests run the built packages: build with the main Node (cached after pnpm check).
  if (
    run('npx', ['-y', 'pnpm@10', 'turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root }) !== 0
  ) {
    process.exit(1);
  }
  const results = [];
  let restore = () => {};
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => {
      restore();
      process.exit(130);
    });
  for (const major of majors) {
    const node = fetchNode(NODES[major]);
    restore = () => swapBuild(sqlite, node.abi, mainAbi);
    try {
      results.push(await leg(node, sqlite, mainAbi));
    } finally {
      if (!loads(process.execPath, sqlite)) restore();
      restore = () => {};
    }
  }
  // Leftovers of an interrupted run are not worth keeping.
  for (const entry of readdirSync(cache))
    if (entry.startsWith('download-')) rmSync(path.join(cache, entry), { recursive: true });
  for (const r of results.filter((r) => !r.ok)) {
    log(`Node ${r.node.version}: what failed`);
    for (const line of [...new Set(r.failures)].slice(0, 60)) log(`  ${line}`);
  }
  for (const r of results) log(`${r.ok ? 'ok  ' : 'FAIL'} Node ${r.node.version}: ${r.note}`);
  if (!loads(process.execPath, sqlite)) {
    console.error(`node-matrix: the ${process.version} build of better-sqlite3 did not come back`);
    process.exit(1);
  }
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
