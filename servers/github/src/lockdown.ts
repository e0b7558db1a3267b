import { ConfigError } from '@refmcp/core';
import type { GitHubClient } from './client.js';

/**
 * Bots whose text lockdown shows by default: `github-actions[bot]` writes the CI results and
 * workflow comments a model is usually asked to read, and only workflows of the repository itself
 * act as it.
 */
export const DEFAULT_TRUSTED_BOTS: readonly string[] = ['github-actions[bot]'];

/** An author as GitHub's GraphQL API names it: a bot's login there lacks REST's `[bot]`. */
export interface GraphqlActor {
  __typename?: string;
  login: string;
}

/**
 * The author's login as the REST API spells it, so lockdown and results name a bot the same way
 * whichever API answered: `github-actions` of type Bot is `github-actions[bot]`.
 */
export function actorLogin(actor: GraphqlActor | null | undefined): string | undefined {
  if (!actor) return undefined;
  return actor.__typename === 'Bot' ? `${actor.login}[bot]` : actor.login;
}

/**
 * The trusted-bot list from --lockdown-trusted-bots: bot logins, or `none`. Security: only names
 * ending in `[bot]` are accepted. GitHub user names cannot contain brackets, so such a login is
 * always a GitHub App's bot account and no person can register a look-alike.
 */
export function trustedBotsFrom(values: readonly string[]): string[] {
  if (values.length === 1 && values[0]?.toLowerCase() === 'none') return [];
  for (const login of values) {
    if (!/^[a-z\d](?:[a-z\d-]*[a-z\d])?\[bot\]$/i.test(login)) {
      throw new ConfigError(
        `--lockdown-trusted-bots (GITHUB_LOCKDOWN_TRUSTED_BOTS) takes bot logins such as github-actions[bot], or none; got "${login}".`,
      );
    }
  }
  return values.map((login) => login.toLowerCase());
}

/**
 * Lockdown mode: in a public repository anyone can open an issue or comment, which makes their
 * text a prompt-injection channel. With lockdown on, content from authors without push access
 * is withheld (replaced by a note); private repositories are unaffected because only invited
 * people write there. Answers are cached per repository and author for the app's lifetime.
 * Trusted bots (see DEFAULT_TRUSTED_BOTS) are shown everywhere: they have no collaborator
 * permission to look up, yet they write what the repository's own automation reports.
 */
export class Lockdown {
  private readonly cache = new Map<string, Promise<boolean>>();
  private readonly visibility = new Map<string, Promise<boolean>>();
  private readonly trusted: ReadonlySet<string>;

  constructor(
    private readonly gh: GitHubClient,
    readonly enabled: boolean,
    trustedBots: readonly string[] = DEFAULT_TRUSTED_BOTS,
  ) {
    this.trusted = new Set(trustedBots.map((login) => login.toLowerCase()));
  }

  /** Whether `author`'s text in owner/repo may be shown. */
  async allows(owner: string, repo: string, author: string | undefined): Promise<boolean> {
    if (!this.enabled) return true;
    if (author && this.trusted.has(author.toLowerCase())) return true;
    const key = `${owner}/${repo}`.toLowerCase();
    let isPrivate = this.visibility.get(key);
    if (!isPrivate) {
      isPrivate = this.gh.rest.repos.get({ owner, repo }).then((r) => r.data.private);
      this.visibility.set(key, isPrivate);
    }
    if (await isPrivate) return true;
    // Security: an unknown author is treated as an outsider.
    if (!author) return false;
    const userKey = `${key}:${author.toLowerCase()}`;
    let allowed = this.cache.get(userKey);
    if (!allowed) {
      allowed = this.gh.rest.repos
        .getCollaboratorPermissionLevel({ owner, repo, username: author })
        .then((r) => ['admin', 'maintain', 'write'].includes(r.data.role_name ?? r.data.permission))
        .catch(() => false);
      this.cache.set(userKey, allowed);
    }
    return allowed;
  }

  /** Drops the items whose author may not be shown; returns how many were withheld. */
  async filter<T>(owner: string, repo: string, items: T[], author: (item: T) => string | undefined) {
    if (!this.enabled) return { items, withheld: 0 };
    const keep = await Promise.all(items.map((item) => this.allows(owner, repo, author(item))));
    const kept = items.filter((_, i) => keep[i]);
    return { items: kept, withheld: items.length - kept.length };
  }
}
