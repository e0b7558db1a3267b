#!/usr/bin/env node
// First step of `pnpm check`: the deploy tests run HAProxy, so a machine without it fails here,
// in a second and with the install command, rather than minutes into the run.
import { haproxyVersion } from './lib/haproxy.mjs';

try {
  haproxyVersion();
} catch (error) {
  process.stderr.write(`pnpm check: ${error.message}\n`);
  process.exit(1);
}
