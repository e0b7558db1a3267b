#!/usr/bin/env node
import { createRequire } from 'node:module';
import { runCli } from '@refmcp/core';
import { cliSpec, loadConfig, tokenFrom } from './config.js';
import { createServer } from './server.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

await runCli({
  spec: cliSpec(version),
  build: (ctx) => {
    const config = loadConfig(ctx);
    // No request here: startup must work before the network is up.
    ctx.logger.info('configured', {
      api: config.apiUrl,
      toolsets: config.toolsets,
      readOnly: config.readOnly,
    });
    return createServer(config, { logger: ctx.logger, version });
  },
});
