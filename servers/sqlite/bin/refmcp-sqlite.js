#!/usr/bin/env node
// The command `npx @refmcp/server-sqlite` runs. A committed file rather than dist/index.js itself,
// so `pnpm install` in a fresh clone can link it before anything is built.
// Node's compile cache goes on first, so the server's modules load from it (see core's compile-cache.ts).
import { setFlagsFromString } from 'node:v8';
import { enableCompileCache } from '@refmcp/core/compile-cache';

enableCompileCache();
// Loading the server allocates mostly what it keeps (modules, schemas), and V8 doubles its young
// generation at each collection on the way: 16 MB by the time it has loaded, which the idle
// process then keeps. Held at its first size while loading and free to grow once the server runs
// (a 10,000-row read grows it as before): 10 MB less at the 40 MB-cell read's peak (93 -> 83 MB),
// about 10 ms more start-up. Left alone when the user sets the flag.
const tuned = /--semi-space-growth-factor/.test(
  `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`,
);
if (!tuned) setFlagsFromString('--semi-space-growth-factor=1');
try {
  await import('../dist/index.js');
} finally {
  if (!tuned) setFlagsFromString('--semi-space-growth-factor=2');
}
