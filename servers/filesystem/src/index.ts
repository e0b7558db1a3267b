#!/usr/bin/env node
import { createRequire } from 'node:module';
import { runCli } from '@refmcp/core';
import { cliSpec, loadConfig } from './config.js';
import { createServer } from './server.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

await runCli({
  spec: cliSpec(version),
  build: async (ctx) => {
    const config = await loadConfig(ctx);
    if (config.allowedDirectories.length === 0) {
      ctx.logger.warn('no directories given; waiting for the client to send roots');
    }
    return createServer(config, { logger: ctx.logger, version });
  },
});
