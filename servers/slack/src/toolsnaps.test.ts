import { fileURLToPath } from 'node:url';
import { itMatchesToolSnapshots } from '@refmcp/core/testing';

// Every tool's listed shape is a public contract (host configs and prompts name tools and
// arguments): the built server, with a user token and every write flag, must list exactly the snapshots.
itMatchesToolSnapshots(fileURLToPath(new URL('..', import.meta.url)), {
  args: [
    '--allow-write',
    '--allow-mark-read',
    '--allow-usergroup-write',
    '--allow-dm',
    '--api-url',
    'http://127.0.0.1:9/api/',
  ],
  env: { SLACK_USER_TOKEN: 'xoxp-toolsnaps-not-a-real-token' },
});
