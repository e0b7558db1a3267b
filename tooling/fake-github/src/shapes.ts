import type {
  FakeCommit,
  FakeGitHub,
  FakeIssue,
  FakeLabel,
  FakeMilestone,
  FakeRepo,
  FakeUser,
} from './state.js';

/**
 * JSON bodies in GitHub's shapes. Every required field of the published schema is present (the
 * OpenAPI test checks), including the many `*_url` links clients rarely read.
 */

export interface Urls {
  api: string;
  web: string;
}

const USER_LINKS = ['events', 'followers', 'following', 'gists', 'organizations', 'received_events', 'repos'];

export function simpleUser(u: FakeUrlsUser): Record<string, unknown> {
  const { user, urls } = u;
  const url = `${urls.api}/users/${user.login}`;
  const out: Record<string, unknown> = {
    login: user.login,
    id: user.id,
    node_id: `U_${user.id}`,
    avatar_url: `${urls.web}/avatars/${user.login}`,
    gravatar_id: '',
    url,
    html_url: `${urls.web}/${user.login}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    type: user.type,
    site_admin: false,
  };
  for (const link of USER_LINKS) out[`${link}_url`] = `${url}/${link}`;
  return out;
}

interface FakeUrlsUser {
  user: FakeUser;
  urls: Urls;
}

export function userByLogin(gh: FakeGitHub, urls: Urls, login: string): Record<string, unknown> {
  const user = gh.users.get(login.toLowerCase()) ?? {
    id: 1,
    login,
    name: null,
    type: 'User' as const,
    email: null,
    bio: null,
  };
  return simpleUser({ user, urls });
}

export function fullUser(gh: FakeGitHub, urls: Urls, user: FakeUser, self: boolean): Record<string, unknown> {
  const repos = [...gh.repos.values()].filter((r) => r.owner.toLowerCase() === user.login.toLowerCase());
  const out: Record<string, unknown> = {
    ...simpleUser({ user, urls }),
    name: user.name,
    company: null,
    blog: '',
    location: null,
    email: user.email,
    hireable: null,
    bio: user.bio,
    public_repos: repos.filter((r) => !r.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
  if (self) {
    Object.assign(out, {
      private_gists: 0,
      total_private_repos: repos.filter((r) => r.private).length,
      owned_private_repos: repos.filter((r) => r.private).length,
      disk_usage: 1,
      collaborators: 0,
      two_factor_authentication: true,
    });
  }
  return out;
}

const REPO_LINKS: Array<[string, string]> = [
  ['archive', '/{archive_format}{/ref}'],
  ['assignees', '/assignees{/user}'],
  ['blobs', '/git/blobs{/sha}'],
  ['branches', '/branches{/branch}'],
  ['collaborators', '/collaborators{/collaborator}'],
  ['comments', '/comments{/number}'],
  ['commits', '/commits{/sha}'],
  ['compare', '/compare/{base}...{head}'],
  ['contents', '/contents/{+path}'],
  ['contributors', '/contributors'],
  ['deployments', '/deployments'],
  ['downloads', '/downloads'],
  ['events', '/events'],
  ['forks', '/forks'],
  ['git_commits', '/git/commits{/sha}'],
  ['git_refs', '/git/refs{/sha}'],
  ['git_tags', '/git/tags{/sha}'],
  ['hooks', '/hooks'],
  ['issue_comment', '/issues/comments{/number}'],
  ['issue_events', '/issues/events{/number}'],
  ['issues', '/issues{/number}'],
  ['keys', '/keys{/key_id}'],
  ['labels', '/labels{/name}'],
  ['languages', '/languages'],
  ['merges', '/merges'],
  ['milestones', '/milestones{/number}'],
  ['notifications', '/notifications{?since,all,participating}'],
  ['pulls', '/pulls{/number}'],
  ['releases', '/releases{/id}'],
  ['stargazers', '/stargazers'],
  ['statuses', '/statuses/{sha}'],
  ['subscribers', '/subscribers'],
  ['subscription', '/subscription'],
  ['tags', '/tags'],
  ['teams', '/teams'],
  ['trees', '/git/trees{/sha}'],
];

export function repository(
  gh: FakeGitHub,
  urls: Urls,
  repo: FakeRepo,
  viewer?: string,
): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  const url = `${urls.api}/repos/${full}`;
  const open = repo.issues.filter((i) => i.state === 'open').length;
  const permission = gh.permission(repo, viewer);
  const out: Record<string, unknown> = {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: full,
    owner: userByLogin(gh, urls, repo.owner),
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    html_url: `${urls.web}/${full}`,
    description: repo.description,
    fork: repo.fork,
    url,
    clone_url: `${urls.web}/${full}.git`,
    git_url: `git://${new URL(urls.web).host}/${full}.git`,
    ssh_url: `git@${new URL(urls.web).host}:${full}.git`,
    svn_url: `${urls.web}/${full}`,
    mirror_url: null,
    homepage: null,
    language: repo.language,
    forks: 0,
    forks_count: 0,
    stargazers_count: repo.stars,
    watchers_count: repo.stars,
    watchers: repo.stars,
    size: 1,
    default_branch: repo.default_branch,
    open_issues: open,
    open_issues_count: open,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: repo.updated_at,
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    network_count: 0,
    subscribers_count: 0,
    permissions: {
      admin: permission === 'admin',
      maintain: permission === 'admin',
      push: permission === 'admin' || permission === 'write',
      triage: permission !== 'none',
      pull: permission !== 'none',
    },
  };
  for (const [key, suffix] of REPO_LINKS) out[`${key}_url`] = `${url}${suffix}`;
  return out;
}

export function label(urls: Urls, repo: FakeRepo, l: FakeLabel): Record<string, unknown> {
  return {
    id: l.id,
    node_id: `LA_${l.id}`,
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: l.name === 'bug',
  };
}

export function issue(gh: FakeGitHub, urls: Urls, repo: FakeRepo, i: FakeIssue): Record<string, unknown> {
  const repoUrl = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const url = `${repoUrl}/issues/${i.number}`;
  const kind = i.pull ? 'pull' : 'issues';
  const out: Record<string, unknown> = {
    id: i.id,
    node_id: `I_${i.id}`,
    url,
    repository_url: repoUrl,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${urls.web}/${repo.owner}/${repo.name}/${kind}/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: i.state_reason,
    title: i.title,
    body: i.body,
    user: userByLogin(gh, urls, i.user),
    labels: i.labels.flatMap((name) => {
      const found = repo.labels.find((l) => l.name === name);
      return found ? [label(urls, repo, found)] : [];
    }),
    assignee: i.assignees[0] ? userByLogin(gh, urls, i.assignees[0]) : null,
    assignees: i.assignees.map((a) => userByLogin(gh, urls, a)),
    milestone: i.milestone ? milestoneOf(gh, urls, repo, i.milestone) : null,
    ...(i.type && { type: issueType(gh, repo, i.type) }),
    locked: false,
    comments: i.comments.length,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_at: i.closed_at,
    author_association: authorAssociation(repo, i.user),
    sub_issues_summary: {
      total: i.sub_issues.length,
      completed: i.sub_issues.filter((n) => repo.issues[n - 1]?.state === 'closed').length,
      percent_completed: 0,
    },
  };
  const values = Object.entries(i.field_values ?? {});
  if (values.length > 0) {
    const fields = gh.issueFields.get(repo.owner.toLowerCase()) ?? [];
    out.issue_field_values = values.flatMap(([id, value]) => {
      const field = fields.find((f) => f.id === Number(id));
      if (!field) return [];
      const option = field.options.find((o) => o.name === value);
      return [
        {
          issue_field_id: field.id,
          issue_field_name: field.name,
          node_id: `IFV_${field.id}_${i.id}`,
          data_type: field.data_type,
          value,
          ...(field.data_type === 'single_select' && {
            single_select_option: option ? { id: option.id, name: option.name, color: 'gray' } : null,
          }),
        },
      ];
    });
  }
  if (i.pull) {
    const pulls = `${urls.api}/repos/${repo.owner}/${repo.name}/pulls/${i.number}`;
    out.pull_request = {
      url: pulls,
      html_url: out.html_url,
      diff_url: `${out.html_url}.diff`,
      patch_url: `${out.html_url}.patch`,
      merged_at: i.pull.merged_at,
    };
  }
  return out;
}

export function authorAssociation(repo: FakeRepo, login: string): string {
  if (login.toLowerCase() === repo.owner.toLowerCase()) return 'OWNER';
  return repo.collaborators.has(login.toLowerCase()) ? 'COLLABORATOR' : 'NONE';
}

export function comment(
  gh: FakeGitHub,
  urls: Urls,
  repo: FakeRepo,
  i: FakeIssue,
  c: FakeIssue['comments'][number],
): Record<string, unknown> {
  const base = `${repo.owner}/${repo.name}`;
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${urls.api}/repos/${base}/issues/comments/${c.id}`,
    html_url: `${urls.web}/${base}/issues/${i.number}#issuecomment-${c.id}`,
    issue_url: `${urls.api}/repos/${base}/issues/${i.number}`,
    body: c.body,
    user: userByLogin(gh, urls, c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: authorAssociation(repo, c.user),
  };
}

export function gitPerson(c: FakeCommit): { name: string; email: string; date: string } {
  return { ...c.author };
}

export function commitSummary(
  gh: FakeGitHub,
  urls: Urls,
  repo: FakeRepo,
  c: FakeCommit,
): Record<string, unknown> {
  const base = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const person = c.login ? userByLogin(gh, urls, c.login) : null;
  return {
    url: `${base}/commits/${c.sha}`,
    sha: c.sha,
    node_id: `C_${c.sha.slice(0, 12)}`,
    html_url: `${urls.web}/${repo.owner}/${repo.name}/commit/${c.sha}`,
    comments_url: `${base}/commits/${c.sha}/comments`,
    commit: {
      url: `${base}/git/commits/${c.sha}`,
      author: gitPerson(c),
      committer: gitPerson(c),
      message: c.message,
      comment_count: 0,
      tree: { sha: c.tree, url: `${base}/git/trees/${c.tree}` },
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    author: person,
    committer: person,
    parents: c.parents.map((sha) => ({
      sha,
      url: `${base}/commits/${sha}`,
      html_url: `${urls.web}/${repo.owner}/${repo.name}/commit/${sha}`,
    })),
  };
}

export function milestone(
  gh: FakeGitHub,
  urls: Urls,
  repo: FakeRepo,
  m: FakeMilestone,
): Record<string, unknown> {
  const url = `${urls.api}/repos/${repo.owner}/${repo.name}/milestones/${m.number}`;
  const issues = repo.issues.filter((i) => i.milestone === m.number);
  return {
    url,
    html_url: `${urls.web}/${repo.owner}/${repo.name}/milestone/${m.number}`,
    labels_url: `${url}/labels`,
    id: m.id,
    node_id: `MI_${m.id}`,
    number: m.number,
    state: m.state,
    title: m.title,
    description: m.description,
    creator: userByLogin(gh, urls, m.creator),
    open_issues: issues.filter((i) => i.state === 'open').length,
    closed_issues: issues.filter((i) => i.state === 'closed').length,
    created_at: m.created_at,
    updated_at: m.updated_at,
    closed_at: m.closed_at,
    due_on: m.due_on,
  };
}

function milestoneOf(gh: FakeGitHub, urls: Urls, repo: FakeRepo, number: number) {
  const found = gh.milestones
    .get(`${repo.owner}/${repo.name}`.toLowerCase())
    ?.find((m) => m.number === number);
  return found ? milestone(gh, urls, repo, found) : null;
}

function issueType(gh: FakeGitHub, repo: FakeRepo, name: string) {
  const t = gh.issueTypes.get(repo.owner.toLowerCase())?.find((x) => x.name === name);
  return t
    ? { id: t.id, node_id: `IT_${t.id}`, name: t.name, description: t.description, color: t.color }
    : null;
}
