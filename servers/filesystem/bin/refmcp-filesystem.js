#!/usr/bin/env node
// The command `npx @refmcp/server-filesystem` runs. A committed file rather than dist/index.js itself,
// so `pnpm install` in a fresh clone can link it before anything is built.
// Node's compile cache goes on first, so the server's modules load from it (see core's compile-cache.ts).
import { enableCompileCache } from '@refmcp/core/compile-cache';

enableCompileCache();
await import('../dist/bin.js');
