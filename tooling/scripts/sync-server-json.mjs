#!/usr/bin/env node
// After `changeset version` bumps package.json versions, carry them into each server.json (the MCP
// Registry manifest) and mcpb/manifest.json (the Claude Desktop bundle manifest), so they can never
// disagree in a release.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');
const serversDir = path.join(root, 'servers');

async function readJson(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function write(file, manifest, version) {
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`${path.relative(root, file)} -> ${version}\n`);
}

for (const name of await readdir(serversDir)) {
  const dir = path.join(serversDir, name);
  const pkg = await readJson(path.join(dir, 'package.json'));
  if (!pkg) continue;

  const serverJsonPath = path.join(dir, 'server.json');
  const serverJson = await readJson(serverJsonPath);
  if (serverJson && serverJson.version !== pkg.version) {
    serverJson.version = pkg.version;
    for (const entry of serverJson.packages ?? []) {
      if (entry.identifier === pkg.name) entry.version = pkg.version;
    }
    await write(serverJsonPath, serverJson, pkg.version);
  }

  const bundlePath = path.join(dir, 'mcpb', 'manifest.json');
  const bundle = await readJson(bundlePath);
  if (bundle && bundle.version !== pkg.version) {
    bundle.version = pkg.version;
    await write(bundlePath, bundle, pkg.version);
  }
}
