import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, onTestFinished } from 'vitest';
import { findHaproxy, haproxyVersion } from './haproxy.mjs';

const SCRIPT = fileURLToPath(new URL('../require-haproxy.mjs', import.meta.url));
const ROOT_PACKAGE = new URL('../../../package.json', import.meta.url);

/** Runs the check with only `dir` on PATH (node itself is started by its full path); a haproxy there comes first. */
function checkWith(dir) {
  return spawnSync(process.execPath, [SCRIPT], { env: { PATH: dir }, encoding: 'utf8' });
}

async function binDir(haproxyVersionLine) {
  const dir = await mkdtemp(path.join(tmpdir(), 'refmcp-haproxy-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  if (haproxyVersionLine) {
    await writeFile(path.join(dir, 'haproxy'), `#!/bin/sh\necho "${haproxyVersionLine}"\n`);
    await chmod(path.join(dir, 'haproxy'), 0o755);
  }
  return dir;
}

it('is the first step of pnpm check, so a missing HAProxy stops the run before anything else', async () => {
  const pkg = JSON.parse(await readFile(ROOT_PACKAGE, 'utf8'));
  expect(pkg.scripts.check).toMatch(/^node tooling\/deploy\/require-haproxy\.mjs && /);
});

it('fails without HAProxy, naming the install command', async () => {
  const nowhere = { searchPath: await binDir(), fallbacks: [] };
  expect(findHaproxy(nowhere)).toBeUndefined();
  expect(() => haproxyVersion(nowhere)).toThrow(
    /^HAProxy 2\.6 or newer is needed and haproxy is not installed\. Install it with `sudo apt-get install -y haproxy` .*`brew install haproxy`/,
  );
});

it('finds HAProxy in /usr/sbin when PATH lacks it, as for a user on Debian', async () => {
  const sbin = await binDir('HAProxy version 2.6.12-1+deb12u1 2023/12/16 - https://haproxy.org/');
  expect(findHaproxy({ searchPath: await binDir(), fallbacks: [sbin] })).toBe(path.join(sbin, 'haproxy'));
});

it('stops pnpm check with an HAProxy older than 2.6, saying which it found', async () => {
  const run = checkWith(
    await binDir('HAProxy version 2.4.22-0ubuntu0.22.04.3 2023/12/04 - https://haproxy.org/'),
  );
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(
    /^pnpm check: HAProxy 2\.6 or newer is needed; found "HAProxy version 2\.4\.22-0ubuntu0\.22\.04\.3 .*sudo apt-get install -y haproxy/,
  );
});

it('passes quietly with HAProxy 2.6 or newer', async () => {
  const run = checkWith(await binDir('HAProxy version 2.6.12-1+deb12u1 2023/12/16 - https://haproxy.org/'));
  expect(run.status).toBe(0);
  expect(run.stderr).toBe('');
});
