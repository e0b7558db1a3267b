import { fileURLToPath } from 'node:url';
import { itMatchesToolSnapshots } from '@refmcp/core/testing';

// Every tool's listed shape is a public contract (host configs and prompts name tools and
// arguments): the built server, with every toolset, must list exactly the snapshots.
itMatchesToolSnapshots(fileURLToPath(new URL('..', import.meta.url)), {
  args: ['--toolsets', 'all', '--gh-host', 'http://127.0.0.1:9/api/v3'],
  env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_toolsnaps_not_a_real_token' },
});
