import { createHash } from 'node:crypto';
import type {
  FakeAlert,
  FakeComment,
  FakeCommit,
  FakeGist,
  FakeIssue,
  FakeJob,
  FakeNotification,
  FakeRepo,
  FakeRun,
  FakeToken,
  FakeUser,
  FakeWorkflow,
  Permission,
} from './types.js';

/** What the GraphQL endpoint received, for tests to assert on. */
export interface FakeGraphqlCall {
  query: string;
  variables: Record<string, unknown>;
  /** The token the request carried (undefined without one). */
  token?: string;
  login?: string;
  /** Validation and execution errors GitHub would have answered with; empty on success. */
  errors: string[];
}

/** GitHub's default categories for a repository with discussions. */
const DISCUSSION_CATEGORIES: Array<[string, string, boolean]> = [
  ['Announcements', ':mega:', false],
  ['General', ':speech_balloon:', false],
  ['Ideas', ':bulb:', false],
  ['Q&A', ':pray:', true],
  ['Show and tell', ':raised_hands:', false],
];

export const gitSha = (kind: string, body: Buffer | string): string => {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${kind} ${data.length}\0`), data]))
    .digest('hex');
};

/**
 * The fake's world: users, repositories with a real (content-addressed) git object store,
 * issues and pull requests sharing one number sequence per repository, as on GitHub.
 * FakeGitHub (state.ts) adds discussions and review conversations.
 */
export class GitHubWorld {
  readonly users = new Map<string, FakeUser>();
  readonly tokens = new Map<string, FakeToken>();
  readonly repos = new Map<string, FakeRepo>();
  readonly blobs = new Map<string, Buffer>();
  /** Flat trees: path → blob sha. Directories are implied by paths, as git trees flatten. */
  readonly trees = new Map<string, Record<string, string>>();
  readonly commits = new Map<string, FakeCommit>();
  /** Teams by `org/slug`; members are lower-case logins. */
  readonly teams = new Map<
    string,
    { id: number; org: string; slug: string; name: string; members: string[] }
  >();
  readonly notifications: FakeNotification[] = [];
  readonly gists = new Map<string, FakeGist>();
  /** GitHub Actions, per repository key (`owner/name`, lower case). */
  readonly workflows: FakeWorkflow[] = [];
  readonly runs: FakeRun[] = [];
  readonly jobs: FakeJob[] = [];
  /** Security alerts by kind, each with the repository key (`owner/name`, lower case). */
  readonly alerts: FakeAlert[] = [];
  /** Every request seen, for assertions. */
  readonly calls: Array<{
    method: string;
    path: string;
    query?: string;
    login?: string;
    token?: string;
    body?: unknown;
  }> = [];
  /** Repositories each user starred: login (lower case) → repository keys. */
  readonly starred = new Map<string, Set<string>>();
  /** Every GraphQL request seen (also listed in `calls` as a POST to /graphql). */
  readonly graphqlCalls: FakeGraphqlCall[] = [];
  private nextId = 1000;
  private clock = Date.parse('2026-01-05T10:00:00Z');

  id(): number {
    return this.nextId++;
  }

  /** A deterministic clock: each call moves a minute forward. */
  now(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  addUser(login: string, extra: Partial<FakeUser> = {}): FakeUser {
    const user: FakeUser = {
      id: this.id(),
      login,
      name: null,
      type: 'User',
      email: null,
      bio: null,
      ...extra,
    };
    this.users.set(login.toLowerCase(), user);
    return user;
  }

  addToken(
    token: string,
    login: string,
    scopes: string[] | null = ['repo', 'read:org', 'gist', 'notifications'],
  ): void {
    this.tokens.set(token, { login, scopes });
  }

  addTeam(org: string, slug: string, members: string[]): void {
    const id = this.id();
    this.teams.set(`${org}/${slug}`.toLowerCase(), {
      id,
      org,
      slug,
      name: slug,
      members: members.map((m) => m.toLowerCase()),
    });
  }

  repo(owner: string, name: string): FakeRepo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  addRepo(
    owner: string,
    name: string,
    options: {
      private?: boolean;
      description?: string;
      files?: Record<string, string>;
      language?: string;
    } = {},
  ): FakeRepo {
    const now = this.now();
    const repo: FakeRepo = {
      id: this.id(),
      owner,
      name,
      description: options.description ?? null,
      private: options.private ?? false,
      fork: false,
      default_branch: 'main',
      created_at: now,
      updated_at: now,
      collaborators: new Map([[owner.toLowerCase(), 'admin']]),
      branches: new Map(),
      tags: new Map(),
      issues: [],
      labels: [
        { id: this.id(), name: 'bug', color: 'd73a4a', description: "Something isn't working" },
        { id: this.id(), name: 'enhancement', color: 'a2eeef', description: 'New feature or request' },
      ],
      releases: [],
      discussions: [],
      discussion_categories: DISCUSSION_CATEGORIES.map(([name, emoji, answerable]) => ({
        id: this.id(),
        name,
        slug: name.toLowerCase().replace(/[^a-z]+/g, '-'),
        emoji,
        description: null,
        answerable,
        created_at: now,
      })),
      stars: 0,
      language: options.language ?? null,
    };
    this.repos.set(`${owner}/${name}`.toLowerCase(), repo);
    const tree = this.writeTree({}, Object.entries(options.files ?? { 'README.md': `# ${name}\n` }));
    repo.branches.set('main', this.commit(tree, [], 'Initial commit', owner));
    return repo;
  }

  writeBlob(content: Buffer | string): string {
    const data = typeof content === 'string' ? Buffer.from(content) : content;
    const sha = gitSha('blob', data);
    this.blobs.set(sha, data);
    return sha;
  }

  /** A new tree from `base` with files set (string content) or removed (null). */
  writeTree(base: Record<string, string>, changes: Array<[string, string | Buffer | null]>): string {
    const files = { ...base };
    for (const [path, content] of changes) {
      if (content === null) delete files[path];
      else files[path] = this.writeBlob(content);
    }
    return this.storeTree(files);
  }

  storeTree(files: Record<string, string>): string {
    const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
    const sha = gitSha('tree', JSON.stringify(sorted));
    this.trees.set(sha, sorted);
    return sha;
  }

  commit(tree: string, parents: string[], message: string, login: string | null): string {
    const user = login ? this.users.get(login.toLowerCase()) : undefined;
    const author = {
      name: user?.name ?? login ?? 'unknown',
      email: `${login ?? 'unknown'}@users.noreply.github.com`,
      date: this.now(),
    };
    const sha = gitSha('commit', JSON.stringify({ tree, parents, message, author }));
    this.commits.set(sha, { sha, tree, parents, message, author, login });
    return sha;
  }

  filesAt(commitSha: string): Record<string, string> {
    const commit = this.commits.get(commitSha);
    return commit ? (this.trees.get(commit.tree) ?? {}) : {};
  }

  /** A branch, tag or (abbreviated) commit sha → the commit sha, or undefined. */
  resolve(repo: FakeRepo, ref: string | undefined): string | undefined {
    const pull = /^refs\/pull\/(\d+)\/head$/.exec(ref ?? '');
    if (pull) {
      const head = repo.issues[Number(pull[1]) - 1]?.pull?.head;
      return head ? repo.branches.get(head) : undefined;
    }
    const name = (ref ?? repo.default_branch).replace(/^refs\/(heads|tags)\//, '');
    const found = repo.branches.get(name) ?? repo.tags.get(name);
    if (found) return found;
    if (/^[0-9a-f]{7,40}$/.test(name)) {
      for (const sha of this.commits.keys()) if (sha.startsWith(name)) return sha;
    }
    return undefined;
  }

  /** Commits reachable from `sha`, newest first (first-parent order is enough for the fake). */
  history(sha: string): FakeCommit[] {
    const out: FakeCommit[] = [];
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length > 0) {
      const next = queue.shift() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      const commit = this.commits.get(next);
      if (!commit) continue;
      out.push(commit);
      queue.push(...commit.parents);
    }
    return out;
  }

  permission(repo: FakeRepo, login: string | undefined): Permission | 'none' {
    if (!login) return 'none';
    return repo.collaborators.get(login.toLowerCase()) ?? (repo.private ? 'none' : 'read');
  }

  canSee(repo: FakeRepo, login: string | undefined): boolean {
    return !repo.private || this.permission(repo, login) !== 'none';
  }

  addIssue(
    repo: FakeRepo,
    fields: { title: string; body?: string | null; user: string; labels?: string[]; assignees?: string[] },
  ): FakeIssue {
    const now = this.now();
    const issue: FakeIssue = {
      id: this.id(),
      number: repo.issues.length + 1,
      title: fields.title,
      body: fields.body ?? null,
      user: fields.user,
      state: 'open',
      state_reason: null,
      labels: fields.labels ?? [],
      assignees: fields.assignees ?? [],
      comments: [],
      sub_issues: [],
      created_at: now,
      updated_at: now,
      closed_at: null,
    };
    repo.issues.push(issue);
    return issue;
  }

  addComment(issue: FakeIssue, user: string, body: string): FakeComment {
    const now = this.now();
    const comment = { id: this.id(), user, body, created_at: now, updated_at: now };
    issue.comments.push(comment);
    issue.updated_at = now;
    return comment;
  }
}
