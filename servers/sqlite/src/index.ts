#!/usr/bin/env node
import { runCli } from '@refmcp/core';
import { createApp } from './app.js';
import { cliSpec, loadConfig } from './config.js';

// argv and env -> config (the database file checked, created unless read-only) -> app -> serve.
await runCli({
  spec: cliSpec,
  build: async (ctx) => {
    const config = await loadConfig(ctx);
    for (const d of config.databases) {
      ctx.logger.info('database ready', {
        name: d.name,
        file: d.file,
        readOnly: d.readOnly,
        attached: d.attached,
      });
    }
    return createApp(config, ctx);
  },
});
