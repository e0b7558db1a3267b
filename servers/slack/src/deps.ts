import { type Logger, type ToolContext, toolsOf } from '@refmcp/core';
import type { SlackConfig } from './config.js';
import { Directory } from './directory.js';
import { ChannelPolicy } from './policy.js';
import { createSlackApi, type SlackApi } from './slack/api.js';

/** What every tool reaches through `ctx.deps`. One of each per server process, shared by instances. */
export interface SlackDeps {
  config: SlackConfig;
  api: SlackApi;
  directory: Directory;
  policy: ChannelPolicy;
  /** The clock, in milliseconds; tests pin it. */
  now: () => number;
  /** The Slack user our token posts as (auth.test), asked once. */
  self: () => Promise<string>;
}

export type SlackContext = ToolContext<SlackDeps>;

/** One API client, directory and policy per server process, shared by every connection. */
export function createDeps(
  config: SlackConfig,
  logger: Logger,
  options: { now?: () => number; directoryWaitMs?: number } = {},
): SlackDeps {
  const api = createSlackApi(config, logger);
  const directory = new Directory(
    api,
    config.cacheTtlSeconds,
    logger.child('directory'),
    options.now,
    options.directoryWaitMs,
  );
  return {
    config,
    api,
    directory,
    policy: new ChannelPolicy(config, directory),
    now: options.now ?? Date.now,
    self: once(async () => (await api.call<{ user_id: string }>('auth.test')).user_id),
  };
}

/** A channel argument resolved to an ID and checked against the read allow-list. */
export async function readableChannel(deps: SlackDeps, ref: string): Promise<string> {
  const id = await deps.directory.resolveChannel(ref);
  await deps.policy.checkRead(id);
  return id;
}

/** A channel argument resolved to an ID and checked against the write allow and deny lists. */
export async function writableChannel(deps: SlackDeps, ref: string): Promise<string> {
  const id = await deps.directory.resolveChannel(ref);
  await deps.policy.checkWrite(id);
  return id;
}

/** Every tool file declares itself with this: the deps type is bound once, here. */
export const defineTool = toolsOf<SlackDeps>();

/** A failed first try is forgotten, so a later call asks again. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
