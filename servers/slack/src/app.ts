import { createLogger, createMcpApp, createRedactor, type Logger, type McpApp } from '@refmcp/core';
import {
  type UpstreamAuth,
  unlinkTool,
  withBoundedResult,
  withUpstreamIdentity,
  wrapTools,
} from '@refmcp/core/upstream';
import type { SlackConfig } from './config.js';
import { createDeps, type SlackDeps } from './deps.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { withShapeErrors } from './slack/errors.js';
import { toolsFor } from './tools/index.js';

export type { SlackConfig } from './config.js';

/** How a Slack call asks for less, for a result too large to send. */
const PAGE_LESS = 'Ask for fewer items at once (a smaller limit or count, a shorter duration).';

export interface AppOptions {
  logger?: Logger;
  version?: string;
  now?: () => number;
  /** Longest a call waits for the first directory load (default 10 s). */
  directoryWaitMs?: number;
  /** Per-user upstream identity (`--upstream-auth oauth`): each caller's own user token. */
  upstreamAuth?: UpstreamAuth | undefined;
}

/** Users' clients kept at once; the oldest is dropped first. */
const MAX_CLIENTS = 500;

/**
 * Builds the server from config. No network until a client connects (the directory warms then)
 * or calls a tool, so a bad token or an unreachable API shows up on the call that meets it.
 */
export function createApp(config: SlackConfig, options: AppOptions = {}): McpApp {
  // Security: the token is redacted from every log line and every tool result.
  const auth = options.upstreamAuth;
  const redact = createRedactor([config.token, auth?.provider.clientSecret]);
  const logger = (options.logger ?? createLogger({ name: 'refmcp-slack' })).withRedaction(redact);
  const deps = createDeps(config, logger, options);
  // Per-user mode: a client, directory and policy per linked token, so each user sees their Slack.
  const perUser = new Map<string, SlackDeps>();
  const depsFor = (token: string) => {
    let own = perUser.get(token);
    if (!own) {
      own = createDeps({ ...config, token, tokenKind: 'user' }, logger, options);
      perUser.set(token, own);
      if (perUser.size > MAX_CLIENTS) perUser.delete(perUser.keys().next().value as string);
    }
    return own;
  };
  const tools = wrapTools(toolsFor(config), (tool) => {
    const bounded = withBoundedResult(tool, PAGE_LESS);
    const own = auth
      ? withUpstreamIdentity(bounded, auth, { depsFor: (credential) => depsFor(credential.accessToken) })
      : bounded;
    return withShapeErrors(own);
  });
  if (auth) tools.push(unlinkTool<SlackDeps>(auth));
  return createMcpApp<SlackDeps>({
    name: 'refmcp-slack',
    version: options.version ?? '0.0.0',
    title: 'Slack',
    instructions:
      'Channels take an ID or #name. Messages are identified by channel + ts. ' +
      'History is newest first; follow nextCursor for more.',
    // Security: whatever Slack answers, a result stays small (bounded-result.ts) and an answer in
    // an odd shape reads as what it is (slack/errors.ts).
    tools,
    // Up to 23 tools: every host pays for tools/list in context on every turn.
    compactListing: true,
    logger,
    redact,
    capabilities: { resources: {}, prompts: {}, completions: {} },
    deps: () => deps,
    setup: (instance, d) => {
      registerResources(instance.server, d);
      registerPrompts(instance.server, d);
      // A connection-long client will likely need names soon; per-request HTTP instances share the cache.
      if (instance.connected && !auth) d.directory.warm();
    },
    ...(auth && { routes: auth.routes, close: () => auth.close() }),
  });
}
