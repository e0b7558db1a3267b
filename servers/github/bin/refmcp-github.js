#!/usr/bin/env node
// The command `npx @refmcp/server-github` runs. A committed file rather than dist/index.js itself,
// so `pnpm install` in a fresh clone can link it before anything is built.
import '../dist/index.js';
