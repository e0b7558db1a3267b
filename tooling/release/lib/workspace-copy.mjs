/**
 * The release runs in a throwaway copy of the working tree, so versioning rewrites package.json
 * files, changelogs and server.json there and never here. The copy holds what git would commit
 * now (tracked and untracked files, ignored ones left out, uncommitted edits included), so a README
 * or `files` change is tested before it is committed. It becomes a one-commit git repository
 * because changesets reads git history for its changelog lines.
 */
import { execFile } from 'node:child_process';
import { cp, lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { run } from './processes.mjs';

const exec = promisify(execFile);

export async function copyWorkingTree(repoRoot, dest) {
  const { stdout } = await exec('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  let copied = 0;
  for (const file of new Set(stdout.split('\0').filter(Boolean))) {
    const from = path.join(repoRoot, file);
    // Deleted in the working tree but not yet in the index: a commit now would not have it.
    const stat = await lstat(from).catch(() => undefined);
    if (!stat || stat.isDirectory()) continue;
    await mkdir(path.dirname(path.join(dest, file)), { recursive: true });
    await cp(from, path.join(dest, file), { verbatimSymlinks: true, preserveTimestamps: true });
    copied += 1;
  }
  const git = (...args) =>
    run('git', ['-c', 'user.name=refmcp release', '-c', 'user.email=release@refmcp.invalid', ...args], {
      cwd: dest,
    });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '--no-verify', '--no-gpg-sign', '-m', 'working tree for the release dry run');
  return copied;
}

/** The packages a release publishes: every non-private package under packages/ and servers/. */
export async function publishablePackages(root) {
  const found = [];
  for (const parent of ['packages', 'servers']) {
    for (const entry of await readdir(path.join(root, parent), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = path.join(root, parent, entry.name);
      const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => '{}'));
      if (pkg.name && !pkg.private) found.push({ name: pkg.name, version: pkg.version, dir });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The environment for the copy's pnpm commands: the caller's, without what pnpm put there for the
 * script that started us (it would point the copy's pnpm at this workspace) and without publishing
 * credentials or provenance, which belong to the real release workflow only.
 */
export function copyEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|NODE_AUTH_TOKEN$|NPM_TOKEN$|NPM_CONFIG_)/i.test(key)) continue;
    if (key === 'INIT_CWD' || key === 'PNPM_SCRIPT_SRC_DIR') continue;
    env[key] = value;
  }
  return { ...env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', ...extra };
}
