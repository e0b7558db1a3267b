#!/usr/bin/env node
import { runCli } from '@refmcp/core';
import { createApp } from './app.js';
import { cliSpec, loadConfig } from './config.js';
import { fetchTokenScopes } from './token-scopes.js';

// argv and env -> config -> the token's scopes (one request) -> deps and app -> serve (stdio, or
// Streamable HTTP with --http).
await runCli({
  spec: cliSpec,
  build: async (ctx) => {
    const config = loadConfig(ctx);
    const probe = { apiUrl: config.apiUrl, token: config.token, logger: ctx.logger, version: ctx.version };
    return createApp({ ...config, tokenScopes: await fetchTokenScopes(probe) }, ctx);
  },
});
