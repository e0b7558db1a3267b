#!/usr/bin/env node
// The command `npx @refmcp/server-template` runs. A committed file rather than dist/index.js itself,
// so `pnpm install` in a fresh clone can link it before anything is built.
// Node keeps our modules' compiled code on disk, so every start after the first skips compiling
// them: most of a cold start is loading modules. Enabled before any of them loads, hence the
// dynamic import. Security: in the user's own cache folder, not the shared temp folder, where
// another local user could plant compiled code. Node 22.0 has no compile cache; a folder that
// cannot be written only costs the speed-up.
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

try {
  module.enableCompileCache?.(path.join(os.homedir(), '.cache', 'refmcp', 'node-compile-cache'));
} catch {}
await import('../dist/index.js');
