import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { itMatchesToolSnapshots } from '@refmcp/core/testing';

// Every tool's listed shape is a public contract (host configs and prompts name tools and
// arguments): the built server, with every tool (not read-only, files allowed in a folder), must
// list exactly the snapshots.
itMatchesToolSnapshots(fileURLToPath(new URL('..', import.meta.url)), {
  args: ['--io-dir', tmpdir(), ':memory:'],
});
