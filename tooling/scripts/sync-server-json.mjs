#!/usr/bin/env node
// After `changeset version` bumps package.json versions, carry them into each server.json (the MCP
// Registry manifest), so the two can never disagree in a release.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');
const serversDir = path.join(root, 'servers');

for (const name of await readdir(serversDir)) {
  const dir = path.join(serversDir, name);
  const manifestPath = path.join(dir, 'server.json');
  let manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch {
    continue;
  }
  const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  if (manifest.version === pkg.version) continue;
  manifest.version = pkg.version;
  for (const entry of manifest.packages ?? []) {
    if (entry.identifier === pkg.name) entry.version = pkg.version;
  }
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`${path.relative(root, manifestPath)} -> ${pkg.version}\n`);
}
