#!/usr/bin/env node
/**
 * `pnpm release:dry`: the release, end to end, without npm. In a throwaway copy of the working
 * tree it runs the release workflow's own scripts (`pnpm version-packages`, then `pnpm release`,
 * which builds and runs `changeset publish`) against a local Verdaccio; checks each published
 * tarball; then runs every install snippet of the READMEs as written, in empty folders with a
 * fresh npm cache, and talks to each server with a real MCP client: `initialize` and a tool call.
 *
 * Nothing here changes the working tree, and nothing it starts or writes outlives it (Ctrl-C
 * included). Usage: node tooling/release/dry-run.mjs [--keep]   (--keep: leave the temp folder)
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROBES, startFakes } from './lib/probes.mjs';
import { installCleanupHandlers, removeOnCleanup, run } from './lib/processes.mjs';
import { publishEnv, startRegistry, upstreamRegistry } from './lib/registry.mjs';
import { runSnippet } from './lib/snippet-run.mjs';
import { extractSnippets, pathArguments, prepare } from './lib/snippets.mjs';
import { inspectPublished } from './lib/tarballs.mjs';
import { copyEnv, copyWorkingTree, publishablePackages } from './lib/workspace-copy.mjs';

const exec = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const keep = process.argv.includes('--keep');
const log = (line) => process.stderr.write(`release:dry: ${line}\n`);
const since = (t) => (performance.now() - t) / 1000;
const steps = [];
async function step(name, fn) {
  const t = performance.now();
  log(`${name}…`);
  const result = await fn();
  steps.push([name, since(t)]);
  return result;
}

installCleanupHandlers();
const began = performance.now();
const work = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-release-')));
if (!keep) removeOnCleanup(work);
if (!path.relative(repoRoot, work).startsWith('..')) throw new Error(`${work} is inside the repository.`);
const dirs = Object.fromEntries(
  ['copy', 'registry', 'runs', 'home', 'workspace', 'npm-cache', 'tarballs'].map((d) => [
    d,
    path.join(work, d),
  ]),
);
for (const dir of Object.values(dirs)) await mkdir(dir);

const problems = [];
let registry;
let fakes;
try {
  // The snippets come from this working tree's READMEs; a README without one fails here, early.
  const snippets = await step('reading the README snippets', () => readSnippets());
  const [, reg, fk] = await Promise.all([
    step('copying the working tree and installing it', async () => {
      await copyWorkingTree(repoRoot, dirs.copy);
      await run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
        cwd: dirs.copy,
        env: copyEnv(),
      });
    }),
    step('starting Verdaccio', async () =>
      startRegistry({ dir: dirs.registry, upstream: await upstreamRegistry(repoRoot) }),
    ),
    startFakes(),
  ]);
  registry = reg;
  fakes = fk;
  log(`registry at ${registry.url}, temp folder ${work}`);

  await step('pnpm version-packages (changesets)', () =>
    run('pnpm', ['version-packages'], { cwd: dirs.copy, env: copyEnv() }),
  );
  const packages = await publishablePackages(dirs.copy);
  const env = copyEnv(await publishEnv(registry, dirs.registry));
  await step('pnpm release (build, changeset publish)', () =>
    run('pnpm', ['release'], { cwd: dirs.copy, env }),
  );

  const sizes = await step('checking the published tarballs', () =>
    Promise.all(
      packages.map(async (pkg) => {
        const found = await inspectPublished(registry.url, pkg, path.join(dirs.tarballs, pkg.name));
        // Ten per package say what is wrong; a `files` mistake can add hundreds more of the same.
        const shown = found.problems.slice(0, 10);
        if (found.problems.length > 10) shown.push(`and ${found.problems.length - 10} more problems`);
        problems.push(...shown.map((p) => `${pkg.name}@${pkg.version}: ${p}`));
        return `${pkg.name}@${pkg.version} (${found.files.length} files, ${Math.round((found.size ?? 0) / 1024)} KiB)`;
      }),
    ),
  );
  for (const line of sizes) log(`published ${line}`);

  const versions = Object.fromEntries(packages.map((p) => [p.name, p.version]));
  const rows = await step('running the README snippets against the registry', () =>
    runAllSnippets(snippets, versions),
  );
  printReport(rows);
} catch (error) {
  problems.push(error.message);
} finally {
  await fakes?.close();
  await registry?.stop();
}

steps.push(['total', since(began)]);
process.stdout.write(`\n${steps.map(([name, s]) => `${s.toFixed(1).padStart(7)} s  ${name}`).join('\n')}\n`);
if (keep) log(`kept ${work}`);
if (problems.length > 0) {
  process.stderr.write(`\nrelease:dry failed:\n${problems.map((p) => `- ${p}`).join('\n')}\n`);
  process.exit(1);
}
log('every package published, every snippet served a tool call');
process.exit(0);

/** Snippets from the root README and the READMEs of the packages a release publishes. */
async function readSnippets() {
  const packages = await publishablePackages(repoRoot);
  const files = ['README.md', ...packages.map((p) => path.relative(repoRoot, path.join(p.dir, 'README.md')))];
  const all = [];
  for (const file of files)
    all.push(...extractSnippets(await readFile(path.join(repoRoot, file), 'utf8'), file));
  for (const pkg of packages.filter((p) => p.name.startsWith('@refmcp/server-'))) {
    if (!PROBES[pkg.name]) throw new Error(`${pkg.name} has no probe in tooling/release/lib/probes.mjs.`);
    if (!all.some((s) => s.package === pkg.name)) throw new Error(`${pkg.name}'s README has no npx snippet.`);
  }
  const unknown = all.find((s) => !PROBES[s.package]);
  if (unknown)
    throw new Error(`${unknown.source}: ${unknown.package} is not a package this repository publishes.`);
  log(`${all.length} snippets in ${files.length} READMEs`);
  return all;
}

/**
 * One queue per package, the queues side by side: a package's first snippet installs it into the
 * npx cache, which its later snippets reuse (two npx runs of one package must not install at once).
 */
async function runAllSnippets(snippets, versions) {
  const baseEnv = await snippetEnv();
  // What a user fills in: the fakes' tokens, and a bearer token for the HTTP snippets' $(…).
  const values = { ...fakes.values, MCP_AUTH_TOKEN: randomBytes(32).toString('hex') };
  const byPackage = new Map();
  for (const s of snippets) byPackage.set(s.package, [...(byPackage.get(s.package) ?? []), s]);
  const rows = [];
  let index = 0;
  await Promise.all(
    [...byPackage.values()].map(async (queue) => {
      for (const [i, snippet] of queue.entries()) {
        const cwd = path.join(dirs.runs, String(++index));
        await mkdir(cwd);
        const row = {
          source: snippet.source,
          shown: snippet.line ?? [snippet.command, ...snippet.args].join(' '),
          start: NaN,
          call: NaN,
          ok: false,
        };
        rows.push(row);
        try {
          const prepared = prepare(snippet, { home: dirs.home, workspace: dirs.workspace, values });
          row.shown = prepared.shown;
          const paths = pathArguments(prepared.words, cwd);
          const outside = paths.find((p) => path.relative(work, p).startsWith('..'));
          if (outside)
            throw new Error(
              `the path ${outside} is outside the sandbox: write it as /Users/me/… in the README`,
            );
          const timeoutMs = i === 0 ? 600_000 : 120_000;
          if (prepared.words.includes('--version')) {
            // A README line that only installs and prints the version (a first run done ahead).
            const started = Date.now();
            const { stdout } = await exec(prepared.command, prepared.args, {
              cwd,
              env: { ...baseEnv, ...fakes.env, ...prepared.env },
              timeout: timeoutMs,
            });
            if (!stdout.includes(versions[snippet.package]))
              throw new Error(
                `printed ${JSON.stringify(stdout.trim().slice(-200))}, not ${versions[snippet.package]}`,
              );
            Object.assign(row, { start: (Date.now() - started) / 1000, call: 0, ok: true });
            log(`ok ${snippet.source} (--version)`);
            continue;
          }
          const probe = PROBES[snippet.package];
          const toolArgs = await probe.setUp(paths, prepared.words);
          const env = { ...baseEnv, ...fakes.env };
          const result = await runSnippet({ prepared, probe, toolArgs, env, cwd, timeoutMs });
          if (result.server?.version !== versions[snippet.package]) {
            throw new Error(
              `served version ${result.server?.version}, published ${versions[snippet.package]}`,
            );
          }
          Object.assign(row, result.seconds, { ok: true });
          log(`ok ${snippet.source} (${result.seconds.start.toFixed(1)} s to initialize)`);
        } catch (error) {
          problems.push(`${snippet.source} (${row.shown}): ${error.message}`);
          log(`FAILED ${snippet.source}`);
        }
      }
    }),
  );
  return rows;
}

/**
 * What a host gives the npx it spawns, plus the registry: PATH without any workspace's
 * node_modules/.bin, HOME in the sandbox (the README's ~ and /Users/me land there), a fresh npm
 * cache, and the user's npm config file kept for its other settings. better-sqlite3 compiles where no
 * prebuilt binary can be downloaded, against the headers of the Node that runs the snippets (this
 * one: official builds ship them), else the nodedir the caller set; a user config's nodedir may
 * belong to another Node (the machine's own, say), and npx would build a module this Node rejects.
 */
async function snippetEnv() {
  const { stdout } = await exec('npm', ['config', 'get', 'userconfig'], { cwd: repoRoot });
  const userconfig = stdout.trim();
  return {
    PATH: (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((dir) => !dir.includes(`node_modules${path.sep}.bin`))
      .join(path.delimiter),
    HOME: dirs.home,
    npm_config_registry: registry.url,
    'npm_config_@refmcp:registry': registry.url,
    npm_config_cache: dirs['npm-cache'],
    ...(existsSync(userconfig) && { npm_config_userconfig: userconfig }),
    ...(nodeHeaders() && { npm_config_nodedir: nodeHeaders() }),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    // node-gyp compiles better-sqlite3's two objects side by side: the same build, sooner.
    JOBS: 'max',
  };
}

function nodeHeaders() {
  const prefix = path.dirname(path.dirname(process.execPath));
  if (existsSync(path.join(prefix, 'include/node/node_version.h'))) return prefix;
  return process.env.npm_config_nodedir;
}

function printReport(rows) {
  const lines = rows.map(
    (r) =>
      `${r.ok ? 'ok  ' : 'FAIL'} ${r.start.toFixed(1).padStart(6)} s ${r.call.toFixed(2).padStart(6)} s  ${r.source}\n` +
      `                        ${r.shown}`,
  );
  process.stdout.write(`\n     start     call  snippet\n${lines.join('\n')}\n`);
}
