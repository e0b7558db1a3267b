#!/usr/bin/env node
import { runCli } from '@refmcp/core';
import { upstreamAuthFrom } from '@refmcp/core/upstream';
import { createApp } from './app.js';
import { cliSpec, loadConfig } from './config.js';
import { fetchTokenScopes } from './token-scopes.js';
import { githubProvider } from './upstream-provider.js';
import { grants } from './upstream-scopes.js';

// argv and env -> config -> the token's scopes (one request) -> deps and app -> serve (stdio, or
// Streamable HTTP with --http).
await runCli({
  spec: cliSpec,
  build: async (ctx) => {
    const config = loadConfig(ctx);
    // With --upstream-auth oauth, each caller links their own GitHub account (see the README).
    const upstreamAuth = await upstreamAuthFrom({
      values: ctx.options,
      env: ctx.env,
      prefix: 'GITHUB',
      serverName: cliSpec.name,
      logger: ctx.logger,
      provider: (client) => githubProvider({ apiUrl: config.apiUrl, ...client }),
      grants,
    });
    // One token for everyone: its scopes decide which tools are offered. Per user, each caller's
    // grant is checked on their call instead (and a missing scope asks them to step up).
    const probe = { apiUrl: config.apiUrl, token: config.token, logger: ctx.logger, version: ctx.version };
    const tokenScopes = upstreamAuth ? undefined : await fetchTokenScopes(probe);
    return createApp({ ...config, tokenScopes }, { ...ctx, upstreamAuth });
  },
});
