#!/usr/bin/env node
import { runCli } from '@refmcp/core';
import { createApp } from './app.js';
import { cliSpec, loadConfig } from './config.js';

// argv and env -> config -> deps and app -> serve (stdio, or Streamable HTTP with --http).
await runCli({
  spec: cliSpec,
  build: (ctx) => createApp(loadConfig(ctx), ctx),
});
