import { type Logger, NotFoundError, type ToolContext, toolsOf } from '@refmcp/core';
import type { SlackConfig } from './config.js';
import { Directory, USER_ID } from './directory.js';
import { DirectoryFile } from './directory-file.js';
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
  /** The token's workspace (auth.test), asked once. */
  teamId: () => Promise<string>;
}

export type SlackContext = ToolContext<SlackDeps>;

/** One API client, directory and policy per server process, shared by every connection. */
export function createDeps(
  config: SlackConfig,
  logger: Logger,
  options: { now?: () => number; directoryWaitMs?: number } = {},
): SlackDeps {
  const api = createSlackApi(config, logger);
  const now = options.now ?? Date.now;
  const whoami = once(() => api.call<{ user_id: string; team_id: string }>('auth.test'));
  const teamId = async () => (await whoami()).team_id;
  const directoryLogger = logger.child('directory');
  const directory = new Directory(api, {
    ttlSeconds: config.cacheTtlSeconds,
    logger: directoryLogger,
    now,
    ...(options.directoryWaitMs !== undefined && { waitMs: options.directoryWaitMs }),
    ...(config.directoryCachePath && {
      file: {
        store: new DirectoryFile(
          config.directoryCachePath,
          config.apiUrl,
          config.directoryCacheMaxAgeSeconds * 1000,
          directoryLogger,
          now,
        ),
        teamId,
      },
    }),
  });
  const self = async () => (await whoami()).user_id;
  return {
    config,
    api,
    directory,
    policy: new ChannelPolicy(config, directory, self),
    now,
    self,
    teamId,
  };
}

/**
 * A conversation argument as an ID: a channel (ID, #name, <#C…>) or, for `@name`, `<@U…>` or a
 * user ID, the token's existing DM with that person (slack_open_conversation opens a new one).
 */
export async function resolveConversation(deps: SlackDeps, ref: string): Promise<string> {
  const trimmed = ref.trim();
  if (!/^(@|<@)/.test(trimmed) && !USER_ID.test(trimmed)) return deps.directory.resolveChannel(trimmed);
  const user = await deps.directory.resolveUser(trimmed);
  const dm = (await deps.directory.dms()).find((c) => c.kind === 'im' && c.user === user);
  if (!dm) {
    throw new NotFoundError(`There is no open DM with ${trimmed}.`, {
      hint: 'slack_open_conversation opens one (when the server allows DMs).',
    });
  }
  return dm.id;
}

/** A channel argument resolved to an ID and checked against the read allow-list. */
export async function readableChannel(deps: SlackDeps, ref: string): Promise<string> {
  const id = await resolveConversation(deps, ref);
  await deps.policy.checkRead(id);
  return id;
}

/** A channel argument resolved to an ID and checked against the write allow and deny lists. */
export async function writableChannel(deps: SlackDeps, ref: string): Promise<string> {
  const id = await resolveConversation(deps, ref);
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
