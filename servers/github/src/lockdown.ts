import type { GitHubClient } from './client.js';

/**
 * Lockdown mode: in a public repository anyone can open an issue or comment, which makes their
 * text a prompt-injection channel. With lockdown on, content from authors without push access
 * is withheld (replaced by a note); private repositories are unaffected because only invited
 * people write there. Answers are cached per repository and author for the app's lifetime.
 */
export class Lockdown {
  private readonly cache = new Map<string, Promise<boolean>>();
  private readonly visibility = new Map<string, Promise<boolean>>();

  constructor(
    private readonly gh: GitHubClient,
    readonly enabled: boolean,
  ) {}

  /** Whether `author`'s text in owner/repo may be shown. */
  async allows(owner: string, repo: string, author: string | undefined): Promise<boolean> {
    if (!this.enabled) return true;
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
