import { HttpError, notFound, page, type Request, type Route, route } from './http.js';
import { commitSummary, issue, repository, simpleUser, userByLogin } from './shapes.js';
import type { FakeIssue, FakeRepo } from './state.js';

/**
 * The search endpoints with a small subset of GitHub's qualifier syntax: `repo:`, `user:`/`org:`,
 * `is:issue`/`is:pr`, `is:open`/`is:closed`, `state:`, `author:`, `label:`, `in:`, `language:`,
 * plus free words matched case-insensitively.
 */
interface Query {
  words: string[];
  q: Map<string, string[]>;
}

function parse(req: Request): Query {
  const raw = req.query.get('q');
  if (!raw)
    throw new HttpError(422, 'Validation Failed', {
      errors: [{ resource: 'Search', field: 'q', code: 'missing' }],
    });
  const q = new Map<string, string[]>();
  const words: string[] = [];
  for (const token of raw.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []) {
    const m = /^(\w+):(.+)$/.exec(token);
    if (m?.[1] && m[2]) q.set(m[1], [...(q.get(m[1]) ?? []), m[2].replace(/"/g, '').toLowerCase()]);
    else words.push(token.replace(/"/g, '').toLowerCase());
  }
  return { words, q };
}

function visibleRepos(req: Request, query: Query): FakeRepo[] {
  const only = query.q.get('repo');
  const owners = [...(query.q.get('user') ?? []), ...(query.q.get('org') ?? [])];
  return [...req.gh.repos.values()].filter(
    (r) =>
      req.gh.canSee(r, req.login) &&
      (!only || only.includes(`${r.owner}/${r.name}`.toLowerCase())) &&
      (owners.length === 0 || owners.includes(r.owner.toLowerCase())),
  );
}

const matches = (text: string, words: string[]) => words.every((w) => text.toLowerCase().includes(w));

function result(req: Request, items: unknown[], path: string) {
  return { total_count: items.length, incomplete_results: false, items: page(req, items, path) };
}

export const searchRoutes: Route[] = [
  route('GET', '/search/repositories', (req) => {
    const query = parse(req);
    const language = query.q.get('language');
    const found = visibleRepos(req, query).filter(
      (r) =>
        matches(`${r.owner}/${r.name} ${r.description ?? ''}`, query.words) &&
        (!language || language.includes((r.language ?? '').toLowerCase())),
    );
    found.sort((a, b) => b.stars - a.stars);
    return result(
      req,
      found.map((r) => ({ ...repository(req.gh, req.urls, r, req.login), score: 1 })),
      '/search/repositories',
    );
  }),
  route('GET', '/search/code', (req) => {
    const query = parse(req);
    const items: unknown[] = [];
    for (const repo of visibleRepos(req, query)) {
      const head = repo.branches.get(repo.default_branch);
      if (!head) continue;
      for (const [path, sha] of Object.entries(req.gh.filesAt(head))) {
        const text = req.gh.blobs.get(sha)?.toString('utf8') ?? '';
        if (!matches(text, query.words)) continue;
        const full = `${repo.owner}/${repo.name}`;
        items.push({
          name: path.split('/').at(-1),
          path,
          sha,
          url: `${req.urls.api}/repos/${full}/contents/${path}?ref=${head}`,
          git_url: `${req.urls.api}/repos/${full}/git/blobs/${sha}`,
          html_url: `${req.urls.web}/${full}/blob/${head}/${path}`,
          repository: repository(req.gh, req.urls, repo, req.login),
          score: 1,
          // The text-match media type adds the lines that matched.
          ...(req.accept.includes('text-match') && {
            text_matches: text
              .split('\n')
              .filter((line) => matches(line, query.words))
              .map((fragment) => ({
                object_url: `${req.urls.api}/repos/${full}/contents/${path}`,
                object_type: 'FileContent',
                property: 'content',
                fragment,
                matches: [],
              })),
          }),
        });
      }
    }
    return result(req, items, '/search/code');
  }),
  route('GET', '/search/issues', (req) => {
    const query = parse(req);
    const is = query.q.get('is') ?? [];
    const kind = query.q.get('type') ?? [];
    const wantPr = is.includes('pr') || kind.includes('pr');
    const wantIssue = is.includes('issue') || kind.includes('issue');
    if (!wantPr && !wantIssue) {
      throw new HttpError(422, "Query must include 'is:issue' or 'is:pull-request'", {
        errors: [{ resource: 'Search', field: 'q', code: 'invalid' }],
      });
    }
    const state =
      query.q.get('state')?.[0] ??
      (is.includes('open') ? 'open' : is.includes('closed') ? 'closed' : undefined);
    const author = query.q.get('author')?.[0];
    const labels = query.q.get('label') ?? [];
    const found: Array<[FakeRepo, FakeIssue]> = [];
    for (const repo of visibleRepos(req, query)) {
      for (const i of repo.issues) {
        if (Boolean(i.pull) !== wantPr) continue;
        if (state && i.state !== state) continue;
        if (author && i.user.toLowerCase() !== author) continue;
        if (!labels.every((l) => i.labels.map((x) => x.toLowerCase()).includes(l))) continue;
        if (!matches(`${i.title} ${i.body ?? ''}`, query.words)) continue;
        found.push([repo, i]);
      }
    }
    found.sort(([, a], [, b]) => b.updated_at.localeCompare(a.updated_at));
    const items = found.map(([repo, i]) => ({ ...issue(req.gh, req.urls, repo, i), score: 1 }));
    return { ...result(req, items, '/search/issues'), search_type: 'lexical' };
  }),
  route('GET', '/search/users', (req) => {
    const query = parse(req);
    // `type:org` narrows to organizations, `type:user` to users.
    const type = query.q.get('type')?.[0]?.replace(/^org$/, 'organization');
    const found = [...req.gh.users.values()].filter(
      (u) => matches(`${u.login} ${u.name ?? ''}`, query.words) && (!type || u.type.toLowerCase() === type),
    );
    return result(
      req,
      found.map((user) => ({ ...simpleUser({ user, urls: req.urls }), score: 1 })),
      '/search/users',
    );
  }),
  route('GET', '/search/commits', (req) => {
    const query = parse(req);
    const author = query.q.get('author');
    const found = visibleRepos(req, query).flatMap((repo) =>
      req.gh
        .history(repo.branches.get(repo.default_branch) ?? '')
        .filter(
          (c) =>
            matches(c.message, query.words) && (!author || author.includes(c.login?.toLowerCase() ?? '')),
        )
        .map((c) => ({ repo, c })),
    );
    const asc = req.query.get('order') === 'asc';
    if (req.query.get('sort'))
      found.sort((a, b) => (asc ? 1 : -1) * a.c.author.date.localeCompare(b.c.author.date));
    const items = found.map(({ repo, c }) => ({
      ...commitSummary(req.gh, req.urls, repo, c),
      repository: repository(req.gh, req.urls, repo, req.login),
      score: 1,
    }));
    return result(req, items, '/search/commits');
  }),
  route('GET', '/user/teams', (req) => {
    const teams = [...req.gh.teams.values()].filter((t) => t.members.includes(req.login.toLowerCase()));
    return page(req, teams, '/user/teams').map((t) => team(req, t));
  }),
  route('GET', '/orgs/{org}/teams/{team_slug}/members', (req) => {
    const t = req.gh.teams.get(`${req.params.org}/${req.params.team_slug}`.toLowerCase());
    if (!t) throw notFound();
    return page(req, t.members, `/orgs/${t.org}/teams/${t.slug}/members`).map((m) =>
      userByLogin(req.gh, req.urls, m),
    );
  }),
];

function team(req: Request, t: { org: string; slug: string; name: string; id: number }) {
  const url = `${req.urls.api}/organizations/${t.org}/team/${t.id}`;
  return {
    id: t.id,
    node_id: `T_${t.id}`,
    url,
    html_url: `${req.urls.web}/orgs/${t.org}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    type: 'organization',
    parent: null,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    members_count: 0,
    repos_count: 0,
    organization: organization(req, t.org),
  };
}

function organization(req: Request, login: string) {
  const url = `${req.urls.api}/orgs/${login}`;
  const links = ['repos', 'events', 'hooks', 'issues', 'members', 'public_members'];
  return {
    login,
    id: req.gh.users.get(login.toLowerCase())?.id ?? 1,
    node_id: `O_${login}`,
    url,
    ...Object.fromEntries(links.map((l) => [`${l}_url`, `${url}/${l}`])),
    avatar_url: `${req.urls.web}/avatars/${login}`,
    description: null,
    html_url: `${req.urls.web}/${login}`,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    type: 'Organization',
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2020-01-01T00:00:00Z',
    archived_at: null,
  };
}
