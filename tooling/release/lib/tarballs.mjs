/**
 * What users download: each package's tarball as the registry serves it, checked for files that
 * are not for them (tests, fixtures, test helpers, sources, build info), source maps and
 * `sourceMappingURL` comments that point at files the tarball lacks, dependency specs only a
 * workspace understands, and a server.json whose version lags behind the package.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { strayPackageFiles } from '@refmcp/core/testing';
import { packument } from './registry.mjs';

const exec = promisify(execFile);

/** Test and fixture files by name, on top of core's list of what a server tarball may hold. */
const NOT_FOR_USERS =
  /(^|\/)(__tests__|__mocks__|__fixtures__|fixtures?|__toolsnaps__|tests?|coverage)\/|\.(test|spec|bench)\.[cm]?[jt]sx?$/;

/**
 * Downloads `name@version` from the registry into `dir`, unpacks it and returns its problems.
 * Also checks that `latest` points at it, as `npx -y name` will ask for `latest`.
 */
export async function inspectPublished(registryUrl, { name, version }, dir) {
  const doc = await packument(registryUrl, name);
  const manifest = doc.versions?.[version];
  if (!manifest) return { files: [], problems: [`${version} was not published`] };
  const problems = [];
  if (doc['dist-tags']?.latest !== version)
    problems.push(`latest is ${doc['dist-tags']?.latest}, not ${version}`);
  const response = await fetch(manifest.dist.tarball);
  if (!response.ok) return { files: [], problems: [`tarball download failed (${response.status})`] };
  const tgz = Buffer.from(await response.arrayBuffer());
  const [algorithm, expected] = manifest.dist.integrity.split('-');
  if (createHash(algorithm).update(tgz).digest('base64') !== expected)
    problems.push('tarball integrity mismatch');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'package.tgz'), tgz);
  await exec('tar', ['-xzf', 'package.tgz'], { cwd: dir });
  const root = path.join(dir, 'package');
  const files = await listFiles(root);
  problems.push(...(await tarballProblems(root, files)));
  return { files, size: tgz.length, problems };
}

/** Problems in an unpacked package (`root` holds package.json; `files` are relative to it). */
export async function tarballProblems(root, files) {
  const problems = [];
  const present = new Set(files);
  for (const file of new Set([...strayPackageFiles(files), ...files.filter((f) => NOT_FOR_USERS.test(f))])) {
    problems.push(`${file} is not for users (a test, fixture, source or build file)`);
  }
  for (const file of files.filter((f) => /\.[cm]?[jt]sx?$/.test(f))) {
    const text = await readFile(path.join(root, file), 'utf8');
    for (const [, url] of text.matchAll(/^\s*\/[/*][#@] sourceMappingURL=(\S+?)(?:\s*\*\/)?\s*$/gm)) {
      if (url.startsWith('data:')) continue;
      const target = path.posix.join(path.posix.dirname(file), url);
      if (!present.has(target)) problems.push(`${file} points at ${target}, which is not in the tarball`);
    }
  }
  for (const file of files.filter((f) => f.endsWith('.map'))) {
    problems.push(...(await sourceMapProblems(root, file, present)));
  }
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, spec] of Object.entries(pkg[field] ?? {})) {
      if (/^(workspace|link|file|portal):/.test(spec)) problems.push(`${field}.${dep} is "${spec}"`);
    }
  }
  if (present.has('server.json')) {
    const server = JSON.parse(await readFile(path.join(root, 'server.json'), 'utf8'));
    const versions = [server.version, ...(server.packages ?? []).map((p) => p.version)];
    if (versions.some((v) => v !== pkg.version)) {
      problems.push(`server.json says ${versions.join(', ')}, the package is ${pkg.version}`);
    }
    if (server.name !== pkg.mcpName)
      problems.push(`server.json name ${server.name} is not mcpName ${pkg.mcpName}`);
  }
  return problems;
}

async function sourceMapProblems(root, file, present) {
  let map;
  try {
    map = JSON.parse(await readFile(path.join(root, file), 'utf8'));
  } catch {
    return [`${file} is not a source map (not JSON)`];
  }
  const base = path.posix.join(path.posix.dirname(file), map.sourceRoot ?? '');
  return (map.sources ?? [])
    .filter((source, i) => typeof map.sourcesContent?.[i] !== 'string' && !/^[a-z][\w+.-]*:/i.test(source))
    .map((source) => path.posix.normalize(path.posix.join(base, source)))
    .filter((source) => !present.has(source))
    .map((source) => `${file} maps to ${source}, which is not in the tarball (and has no sourcesContent)`);
}

async function listFiles(root, prefix = '') {
  const out = [];
  for (const entry of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(root, rel)));
    else out.push(rel);
  }
  return out.sort();
}
