#!/usr/bin/env node
/**
 * `pnpm mcpb [--out <dir>] [--update-tools] [name...]`: builds a Claude Desktop bundle (.mcpb) of
 * each server (or of those named) from its build, into tooling/mcpb/dist/ unless --out says
 * otherwise. Build the servers first (`pnpm mcpb` does). --update-tools records the tools each
 * server lists in its manifest (servers/<name>/mcpb/manifest.json).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundlesNamed } from './bundles.mjs';
import { buildBundle } from './lib/build.mjs';

const { values, positionals } = parseArgs({
  options: { out: { type: 'string' }, 'update-tools': { type: 'boolean' } },
  allowPositionals: true,
});
const outDir = path.resolve(values.out ?? path.join(import.meta.dirname, 'dist'));
const bundles = bundlesNamed(positionals);

// Staged outside the workspace: nothing in a bundle may resolve from the workspace's node_modules.
const stagingRoot = await mkdtemp(path.join(tmpdir(), 'refmcp-mcpb-'));
try {
  await mkdir(outDir, { recursive: true });
  // Settled, not Promise.all: one failure must not remove the staging folder under the other
  // builds, which would hide the real error behind an ENOTEMPTY.
  const settled = await Promise.allSettled(
    bundles.map((bundle) =>
      buildBundle(bundle, { outDir, stagingRoot, updateTools: values['update-tools'] }),
    ),
  );
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  for (const {
    value: { file, manifest },
  } of settled) {
    process.stdout.write(`${path.relative(process.cwd(), file)}  (${manifest.tools.length} tools)\n`);
  }
} finally {
  await rm(stagingRoot, { recursive: true, force: true });
}
