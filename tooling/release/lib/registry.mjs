/**
 * A real npm registry on loopback: Verdaccio 6.8.0 (the last line that runs on Node 20) with its
 * own config, storage and users in a temp folder. Our packages (`@refmcp/*`) live only there and
 * are never looked up upstream; everything else (the SDK, zod, better-sqlite3, …) is proxied to the
 * registry npm is configured with, as an install from npm would fetch it.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from '@refmcp/core/testing';
import { startGroup } from './processes.mjs';

export const VERDACCIO = 'verdaccio@6.8.0';
const exec = promisify(execFile);

/** The registry npm uses on this machine, where packages that are not ours come from. */
export async function upstreamRegistry(cwd) {
  const { stdout } = await exec('npm', ['config', 'get', 'registry'], { cwd });
  const url = stdout.trim();
  if (!/^https?:\/\//.test(url)) throw new Error(`npm config get registry gave "${url}", not a URL.`);
  return url.endsWith('/') ? url : `${url}/`;
}

/** The Verdaccio config: no web UI, one user, no publishing or proxying outside its rules. */
export function verdaccioConfig({ storage, htpasswd, upstream }) {
  return `# Written by tooling/release for one dry run; removed with its folder.
storage: ${JSON.stringify(storage)}
auth:
  htpasswd:
    file: ${JSON.stringify(htpasswd)}
    max_users: 1
uplinks:
  upstream:
    url: ${JSON.stringify(upstream)}
    timeout: 60s
packages:
  # Ours: served from this registry only, never asked for upstream.
  '@refmcp/*':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  # Everything else comes from the upstream registry and cannot be published here.
  '**':
    access: $all
    publish: nobody-publishes-here
    unpublish: nobody-publishes-here
    proxy: upstream
web:
  enable: false
max_body_size: 100mb
log:
  type: stdout
  format: pretty
  level: warn
`;
}

/** A free loopback port (the small window before Verdaccio binds it is accepted). */
/**
 * Starts Verdaccio on 127.0.0.1 and creates a publishing user. Resolves once `/-/ping` answers;
 * `stop()` ends it (cleanup kills it on any other way out).
 */
export async function startRegistry({ dir, upstream, timeoutMs = 180_000 }) {
  await mkdir(path.join(dir, 'storage'), { recursive: true });
  const config = path.join(dir, 'config.yaml');
  const storage = path.join(dir, 'storage');
  await writeFile(config, verdaccioConfig({ storage, htpasswd: path.join(dir, 'htpasswd'), upstream }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // npx fetches Verdaccio itself from the upstream registry (the user's cache keeps it).
  const verdaccio = startGroup(
    'npx',
    ['-y', VERDACCIO, '--config', config, '--listen', `127.0.0.1:${port}`],
    { cwd: dir, env: { ...process.env, npm_config_update_notifier: 'false' } },
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (verdaccio.child.exitCode !== null || verdaccio.child.signalCode !== null) {
      throw new Error(`Verdaccio exited before answering:\n${verdaccio.output()}`);
    }
    const ping = await fetch(new URL('-/ping', url)).catch(() => undefined);
    if (ping?.ok) break;
    if (Date.now() > deadline) {
      await verdaccio.stop();
      throw new Error(`Verdaccio did not answer ${url}-/ping within ${timeoutMs} ms:\n${verdaccio.output()}`);
    }
    await sleep(250);
  }
  const token = await addUser(url);
  return { url, port, token, storage, output: verdaccio.output, stop: () => verdaccio.stop() };
}

/** Creates the publishing user as `npm adduser` would and returns its token. */
async function addUser(url) {
  const name = 'refmcp-release';
  const password = `dry-run-${process.pid}-${Date.now()}`;
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || typeof body.token !== 'string') {
    throw new Error(`Verdaccio refused the publishing user (${response.status}): ${JSON.stringify(body)}`);
  }
  return body.token;
}

/**
 * The environment that makes npm and pnpm publish to this registry and nowhere else: a user config
 * holding only this registry and its token, and an empty global config, so no credential for
 * another registry is in reach. (pnpm passes a token to npm only from config files; and changesets
 * publishes to npmjs.org unless npm_config_registry names another registry.)
 */
export async function publishEnv(registry, dir) {
  const userconfig = path.join(dir, 'publish.npmrc');
  const globalconfig = path.join(dir, 'empty.npmrc');
  const nerfDart = registry.url.replace(/^https?:/, '');
  await writeFile(userconfig, `registry=${registry.url}\n${nerfDart}:_authToken=${registry.token}\n`, {
    mode: 0o600,
  });
  await writeFile(globalconfig, '');
  return {
    npm_config_registry: registry.url,
    'npm_config_@refmcp:registry': registry.url,
    npm_config_userconfig: userconfig,
    npm_config_globalconfig: globalconfig,
    npm_config_cache: path.join(dir, 'publish-cache'),
    npm_config_update_notifier: 'false',
  };
}

/** The packument of one of our packages, from the local registry. */
export async function packument(registryUrl, name) {
  const response = await fetch(new URL(name.replace('/', '%2f'), registryUrl));
  if (!response.ok) throw new Error(`${name} is not on the local registry (${response.status}).`);
  return response.json();
}
