import {
  HttpError,
  notFound,
  page,
  type Request,
  type Route,
  repoOf,
  requirePush,
  route,
  str,
} from './http.js';
import { label, repository, userByLogin } from './shapes.js';
import type { FakeGist, FakeNotification } from './state.js';

/** Labels, notifications and gists. */

function labelOf(req: Request) {
  const repo = repoOf(req);
  const found = repo.labels.find((l) => l.name.toLowerCase() === (req.params.name ?? '').toLowerCase());
  if (!found) throw notFound();
  return { repo, found };
}

function thread(req: Request, n: FakeNotification) {
  const [owner = '', name = ''] = n.repo.split('/');
  const repo = req.gh.repo(owner, name);
  if (!repo) throw notFound();
  const kind = n.type === 'Issue' ? 'issues' : 'pulls';
  const url = `${req.urls.api}/notifications/threads/${n.id}`;
  return {
    id: n.id,
    unread: n.unread,
    reason: n.reason,
    updated_at: n.updated_at,
    last_read_at: n.last_read_at,
    subject: {
      title: n.title,
      url: `${req.urls.api}/repos/${n.repo}/${kind}/${n.number}`,
      latest_comment_url: `${req.urls.api}/repos/${n.repo}/${kind}/${n.number}`,
      type: n.type,
    },
    repository: repository(req.gh, req.urls, repo, req.login),
    url,
    subscription_url: `${url}/subscription`,
  };
}

function inbox(req: Request, repoKey?: string) {
  const all = req.query.get('all') === 'true';
  const since = req.query.get('since');
  const before = req.query.get('before');
  return req.gh.notifications.filter(
    (n) =>
      n.login === req.login &&
      !n.done &&
      (all || n.unread) &&
      (!repoKey || n.repo.toLowerCase() === repoKey.toLowerCase()) &&
      (!since || n.updated_at >= since) &&
      (!before || n.updated_at < before),
  );
}

function markAll(req: Request, repoKey?: string) {
  const before = (req.body.last_read_at as string | undefined) ?? '9999';
  for (const n of inbox(req, repoKey)) {
    if (n.updated_at <= before) {
      n.unread = false;
      n.last_read_at = req.gh.now();
    }
  }
  return { status: 205, body: undefined };
}

function gist(req: Request, g: FakeGist) {
  const url = `${req.urls.api}/gists/${g.id}`;
  return {
    id: g.id,
    node_id: `G_${g.id}`,
    url,
    forks_url: `${url}/forks`,
    commits_url: `${url}/commits`,
    git_pull_url: `${req.urls.web}/gist/${g.id}.git`,
    git_push_url: `${req.urls.web}/gist/${g.id}.git`,
    html_url: `${req.urls.web}/gist/${g.id}`,
    comments_url: `${url}/comments`,
    public: g.public,
    description: g.description,
    comments: 0,
    user: null,
    owner: userByLogin(req.gh, req.urls, g.owner),
    truncated: false,
    files: Object.fromEntries(
      Object.entries(g.files).map(([filename, content]) => [
        filename,
        {
          filename,
          type: 'text/plain',
          language: 'Text',
          raw_url: `${req.urls.web}/gist/raw/${g.id}/${filename}`,
          size: Buffer.byteLength(content),
          content,
        },
      ]),
    ),
    created_at: g.created_at,
    updated_at: g.updated_at,
  };
}

function gistOf(req: Request): FakeGist {
  const g = req.gh.gists.get(req.params.id ?? '');
  // Security: secret gists are readable by URL, but only their owner may change them.
  if (!g) throw notFound();
  return g;
}

export const extraRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/labels', (req) => {
    const repo = repoOf(req);
    return page(req, repo.labels, `/repos/${repo.owner}/${repo.name}/labels`).map((l) =>
      label(req.urls, repo, l),
    );
  }),
  route('GET', '/repos/{owner}/{repo}/labels/{name}', (req) => {
    const { repo, found } = labelOf(req);
    return label(req.urls, repo, found);
  }),
  route('POST', '/repos/{owner}/{repo}/labels', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const name = str(req.body.name, 'name', 'Label');
    if (repo.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) {
      throw new HttpError(422, 'Validation Failed', {
        errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
      });
    }
    const created = {
      id: req.gh.id(),
      name,
      color: (req.body.color as string | undefined) ?? 'ededed',
      description: (req.body.description as string | undefined) ?? null,
    };
    repo.labels.push(created);
    return { status: 201, body: label(req.urls, repo, created) };
  }),
  route('PATCH', '/repos/{owner}/{repo}/labels/{name}', (req) => {
    const { repo, found } = labelOf(req);
    requirePush(req, repo);
    if (typeof req.body.new_name === 'string') found.name = req.body.new_name;
    if (typeof req.body.color === 'string') found.color = req.body.color;
    if (typeof req.body.description === 'string') found.description = req.body.description;
    return label(req.urls, repo, found);
  }),
  route('DELETE', '/repos/{owner}/{repo}/labels/{name}', (req) => {
    const { repo, found } = labelOf(req);
    requirePush(req, repo);
    repo.labels = repo.labels.filter((l) => l !== found);
    return { status: 204 };
  }),
  route('GET', '/notifications', (req) => page(req, inbox(req), '/notifications').map((n) => thread(req, n))),
  route('GET', '/repos/{owner}/{repo}/notifications', (req) => {
    const repo = repoOf(req);
    const key = `${repo.owner}/${repo.name}`;
    return page(req, inbox(req, key), `/repos/${key}/notifications`).map((n) => thread(req, n));
  }),
  route('GET', '/notifications/threads/{id}', (req) => {
    const n = req.gh.notifications.find((x) => x.id === req.params.id && x.login === req.login);
    if (!n) throw notFound();
    return thread(req, n);
  }),
  route('PATCH', '/notifications/threads/{id}', (req) => {
    const n = req.gh.notifications.find((x) => x.id === req.params.id && x.login === req.login);
    if (!n) throw notFound();
    n.unread = false;
    n.last_read_at = req.gh.now();
    return { status: 205 };
  }),
  route('DELETE', '/notifications/threads/{id}', (req) => {
    const n = req.gh.notifications.find((x) => x.id === req.params.id && x.login === req.login);
    if (!n) throw notFound();
    n.done = true;
    return { status: 204 };
  }),
  route('PUT', '/notifications', (req) => markAll(req)),
  route('PUT', '/repos/{owner}/{repo}/notifications', (req) => {
    const repo = repoOf(req);
    return markAll(req, `${repo.owner}/${repo.name}`);
  }),
  route('GET', '/gists', (req) => {
    const mine = [...req.gh.gists.values()].filter((g) => g.owner === req.login).reverse();
    return page(req, mine, '/gists').map((g) => gist(req, g));
  }),
  route('GET', '/users/{username}/gists', (req) => {
    const login = (req.params.username ?? '').toLowerCase();
    const theirs = [...req.gh.gists.values()]
      .filter((g) => g.owner.toLowerCase() === login && g.public)
      .reverse();
    return page(req, theirs, `/users/${req.params.username}/gists`).map((g) => gist(req, g));
  }),
  route('GET', '/gists/{id}', (req) => gist(req, gistOf(req))),
  route('POST', '/gists', (req) => {
    const files = req.body.files as Record<string, { content?: string }> | undefined;
    if (!files || Object.keys(files).length === 0)
      throw new HttpError(422, 'Validation Failed', {
        errors: [{ resource: 'Gist', field: 'files', code: 'missing_field' }],
      });
    const now = req.gh.now();
    const id = req.gh.id().toString(16).padStart(20, '0');
    const g: FakeGist = {
      id,
      owner: req.login,
      description: (req.body.description as string | undefined) ?? null,
      public: req.body.public === true,
      files: Object.fromEntries(Object.entries(files).map(([name, f]) => [name, f.content ?? ''])),
      created_at: now,
      updated_at: now,
    };
    req.gh.gists.set(id, g);
    return { status: 201, body: gist(req, g) };
  }),
  route('PATCH', '/gists/{id}', (req) => {
    const g = gistOf(req);
    if (g.owner !== req.login) throw notFound();
    if (typeof req.body.description === 'string') g.description = req.body.description;
    for (const [name, f] of Object.entries(
      (req.body.files as Record<string, { content?: string } | null>) ?? {},
    )) {
      if (f === null) delete g.files[name];
      else g.files[name] = f.content ?? g.files[name] ?? '';
    }
    g.updated_at = req.gh.now();
    return gist(req, g);
  }),
];
