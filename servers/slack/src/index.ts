#!/usr/bin/env node
import { runCli } from '@refmcp/core';
import { upstreamAuthFrom } from '@refmcp/core/upstream';
import { createApp } from './app.js';
import { cliSpec, loadConfig } from './config.js';
import { slackProvider } from './upstream-provider.js';

// argv and env -> config -> deps and app -> serve (stdio, or Streamable HTTP with --http).
await runCli({
  spec: cliSpec,
  build: async (ctx) => {
    const config = loadConfig(ctx);
    // With --upstream-auth oauth, each caller links their own Slack account (see the README).
    const upstreamAuth = await upstreamAuthFrom({
      values: ctx.options,
      env: ctx.env,
      prefix: 'SLACK',
      serverName: cliSpec.name,
      logger: ctx.logger,
      provider: (client) => slackProvider({ apiUrl: config.apiUrl, ...client }),
    });
    return createApp(config, { ...ctx, upstreamAuth });
  },
});
