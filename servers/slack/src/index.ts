#!/usr/bin/env node
import { createRequire } from 'node:module';
import { runCli } from '@refmcp/core';
import { cliSpec, loadConfig, TOKEN_ENV } from './config.js';
import { createServer } from './server.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

await runCli({
  spec: cliSpec(version),
  build: (ctx) => createServer(loadConfig(ctx), { logger: ctx.logger, version }),
});
