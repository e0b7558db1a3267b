#!/usr/bin/env node
// `node tooling/mcpb/icons.mjs`: draws each bundle's icon into servers/<name>/mcpb/icon.png.
import { writeFile } from 'node:fs/promises';
import { BUNDLES } from './bundles.mjs';
import { drawIcon } from './lib/icon.mjs';

for (const bundle of BUNDLES) {
  await writeFile(bundle.icon, drawIcon(bundle.name));
  process.stdout.write(`${bundle.icon}\n`);
}
