import { fileURLToPath } from 'node:url';
import { spawnStdio, toolSnapshotProblems } from '@refmcp/core/testing';
import { expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const SNAPS = fileURLToPath(new URL('../__toolsnaps__', import.meta.url));

// Every tool's listed shape is a public contract (host configs and prompts name tools and
// arguments): the built server, with every toolset, must list exactly the snapshots.
it('tools/list matches the committed per-tool snapshots', async () => {
  const server = await spawnStdio({
    command: process.execPath,
    args: [BIN, ...['--toolsets', 'all', '--gh-host', 'http://127.0.0.1:9/api/v3']],
    env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_toolsnaps_not_a_real_token' },
  });
  try {
    expect(await toolSnapshotProblems(server.client, SNAPS)).toEqual([]);
  } finally {
    await server.close();
  }
});
