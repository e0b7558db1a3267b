#!/usr/bin/env node
import { createRequire } from 'node:module';
import { ConfigError, runCli, ToolError } from '@refmcp/core';
import { cliSpec, loadConfig } from './config.js';
import { createServer } from './server.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

await runCli({
  spec: cliSpec(version),
  build: async (ctx) => {
    const config = await loadConfig(ctx).catch((error: unknown) => {
      // A missing or non-directory argument is a configuration mistake: exit 2 with one line.
      throw error instanceof ToolError ? new ConfigError(error.message) : error;
    });
    if (config.allowedDirectories.length === 0) {
      ctx.logger.warn('no directories given; waiting for the client to send roots');
    }
    return createServer(config, { logger: ctx.logger, version });
  },
});
