import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnStdio, toolSnapshotProblems } from '@refmcp/core/testing';
import { expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const SNAPS = fileURLToPath(new URL('../__toolsnaps__', import.meta.url));

// Every tool's listed shape is a public contract (host configs and prompts name tools and
// arguments): the built server, with every tool (not read-only), must list exactly the snapshots.
it('tools/list matches the committed per-tool snapshots', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'refmcp-toolsnaps-'));
  const server = await spawnStdio({ command: process.execPath, args: [BIN, ...[root]], env: {} });
  try {
    expect(await toolSnapshotProblems(server.client, SNAPS)).toEqual([]);
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});
