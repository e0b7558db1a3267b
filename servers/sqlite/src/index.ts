#!/usr/bin/env node
import { createRequire } from 'node:module';
import { runCli } from '@refmcp/core';
import { cliSpec, loadConfig } from './config.js';
import { prepareDatabase } from './database.js';
import { createServer } from './server.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

await runCli({
  spec: cliSpec(version),
  build: async (ctx) => {
    const config = await loadConfig(ctx);
    // Creates the file if missing (never with --read-only) and checks that it is a database.
    const prepared = prepareDatabase(config);
    ctx.logger.info('database ready', { file: config.database, readOnly: config.readOnly });
    return createServer(
      { ...config, database: prepared.file },
      { logger: ctx.logger, version, onClose: prepared.dispose },
    );
  },
});
