import { type Logger, type ToolContext, toolsOf } from '@refmcp/core';
import { createClient, type GitHubClient } from './client.js';
import { Completer } from './completions.js';
import type { GitHubConfig } from './config.js';
import { Lockdown } from './lockdown.js';

/** What every tool of one server instance shares. */
export interface GitHubDeps {
  gh: GitHubClient;
  config: GitHubConfig;
  lockdown: Lockdown;
  /** Argument completions for prompts and resource templates, briefly cached. */
  completer: Completer;
}

export type GitHubContext = ToolContext<GitHubDeps>;

/**
 * The deps every connection shares: one Octokit (its limiters and ETag cache span the app), one
 * lockdown cache and one completion cache. Makes no request.
 */
export function createDeps(config: GitHubConfig, logger: Logger, version: string): GitHubDeps {
  const gh = createClient(config, logger, version);
  return {
    gh,
    config,
    lockdown: new Lockdown(gh, config.lockdown, config.lockdownTrustedBots),
    completer: new Completer(gh),
  };
}

/** Every tool file declares itself with this: the deps type is bound once, here. */
export const defineTool = toolsOf<GitHubDeps>();
