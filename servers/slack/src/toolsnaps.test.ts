import { fileURLToPath } from 'node:url';
import { spawnStdio, toolSnapshotProblems } from '@refmcp/core/testing';
import { expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const SNAPS = fileURLToPath(new URL('../__toolsnaps__', import.meta.url));

// Every tool's listed shape is a public contract (host configs and prompts name tools and
// arguments): the built server, with a user token and every write flag, must list exactly the snapshots.
it('tools/list matches the committed per-tool snapshots', async () => {
  const server = await spawnStdio({
    command: process.execPath,
    args: [
      BIN,
      ...[
        '--allow-write',
        '--allow-mark-read',
        '--allow-usergroup-write',
        '--api-url',
        'http://127.0.0.1:9/api/',
      ],
    ],
    env: { SLACK_USER_TOKEN: 'xoxp-toolsnaps-not-a-real-token' },
  });
  try {
    expect(await toolSnapshotProblems(server.client, SNAPS)).toEqual([]);
  } finally {
    await server.close();
  }
});
