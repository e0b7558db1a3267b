import type { GitHubClient } from './client.js';
import type { GitHubConfig } from './config.js';
import type { Lockdown } from './lockdown.js';

/** What every tool of one server instance shares. */
export interface GitHubDeps {
  gh: GitHubClient;
  config: GitHubConfig;
  lockdown: Lockdown;
  /** True when the connected client can show the user an elicitation form (legacy era). */
  canElicit: () => boolean;
}
