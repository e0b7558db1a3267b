import { posix } from 'node:path';
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
  validationFailed,
} from './http.js';
import { commitSummary, fullUser, repository, simpleUser } from './shapes.js';
import type { FakeRepo } from './state.js';

/** Users, repositories, contents, commits, branches, tags, releases and the git data API. */

const base = (req: Request, repo: FakeRepo) => `${req.urls.api}/repos/${repo.owner}/${repo.name}`;

function contentEntry(
  req: Request,
  repo: FakeRepo,
  path: string,
  sha: string,
  type: 'file' | 'dir',
  ref: string,
) {
  const url = `${base(req, repo)}/contents/${path}?ref=${ref}`;
  const html = `${req.urls.web}/${repo.owner}/${repo.name}/${type === 'file' ? 'blob' : 'tree'}/${ref}/${path}`;
  const git = `${base(req, repo)}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`;
  return {
    type,
    size: type === 'file' ? (req.gh.blobs.get(sha)?.length ?? 0) : 0,
    name: path.split('/').at(-1) ?? path,
    path,
    sha,
    url,
    git_url: git,
    html_url: html,
    download_url: type === 'file' ? `${req.urls.web}/raw/${repo.owner}/${repo.name}/${ref}/${path}` : null,
    _links: { self: url, git, html },
  };
}

export function fileCommit(req: Request, repo: FakeRepo, sha: string) {
  const c = req.gh.commits.get(sha);
  if (!c) throw notFound();
  const s = commitSummary(req.gh, req.urls, repo, c) as { commit: Record<string, unknown> };
  return {
    sha,
    node_id: `C_${sha.slice(0, 12)}`,
    url: `${base(req, repo)}/git/commits/${sha}`,
    html_url: `${req.urls.web}/${repo.owner}/${repo.name}/commit/${sha}`,
    ...s.commit,
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${base(req, repo)}/git/commits/${p}`,
      html_url: `${req.urls.web}/${repo.owner}/${repo.name}/commit/${p}`,
    })),
  };
}

export function branchOf(_req: Request, repo: FakeRepo, name: string): string {
  const sha = repo.branches.get(name);
  if (!sha) throw notFound();
  return sha;
}

/** Changes one file on a branch as a new commit, the way the contents API does. */
function writeFile(req: Request, deleting: boolean) {
  const repo = repoOf(req);
  requirePush(req, repo);
  const path = req.params.path ?? '';
  const branch = (req.body.branch as string | undefined) ?? repo.default_branch;
  const head = branchOf(req, repo, branch);
  const files = req.gh.filesAt(head);
  const existing = files[path];
  const message = str(req.body.message, 'message', 'Content');
  const given = req.body.sha as string | undefined;
  if (existing && given !== existing) {
    if (given === undefined)
      throw validationFailed('Content', 'sha', 'missing_field', '"sha" wasn\'t supplied.');
    throw new HttpError(409, `${path} does not match ${given}`);
  }
  if (deleting && !existing) throw notFound();
  let content: Buffer | null = null;
  if (!deleting) content = Buffer.from(str(req.body.content, 'content', 'Content'), 'base64');
  const tree = req.gh.writeTree(files, [[path, content]]);
  const sha = req.gh.commit(tree, [head], message, req.login);
  repo.branches.set(branch, sha);
  repo.updated_at = req.gh.now();
  const entry = deleting
    ? null
    : contentEntry(req, repo, path, req.gh.filesAt(sha)[path] ?? '', 'file', branch);
  return {
    status: deleting ? 200 : existing ? 200 : 201,
    body: { content: entry, commit: fileCommit(req, repo, sha) },
  };
}

function diffFiles(req: Request, before: Record<string, string>, after: Record<string, string>) {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths.flatMap((filename) => {
    const a = before[filename];
    const b = after[filename];
    if (a === b) return [];
    const oldLines = a ? (req.gh.blobs.get(a)?.toString('utf8').split('\n') ?? []) : [];
    const newLines = b ? (req.gh.blobs.get(b)?.toString('utf8').split('\n') ?? []) : [];
    const status = !a ? 'added' : !b ? 'removed' : 'modified';
    const patch = [
      `@@ -1,${oldLines.length} +1,${newLines.length} @@`,
      ...oldLines.map((l) => `-${l}`),
      ...newLines.map((l) => `+${l}`),
    ].join('\n');
    return [
      {
        sha: b ?? a ?? '',
        filename,
        status,
        additions: newLines.length,
        deletions: oldLines.length,
        changes: newLines.length + oldLines.length,
        blob_url: `${req.urls.web}/blob/${b ?? a}`,
        raw_url: `${req.urls.web}/raw/${b ?? a}`,
        contents_url: `${req.urls.api}/contents/${filename}`,
        patch,
      },
    ];
  });
}

export function commitDiff(req: Request, fromSha: string | undefined, toSha: string) {
  return diffFiles(req, fromSha ? req.gh.filesAt(fromSha) : {}, req.gh.filesAt(toSha));
}

function readContents(req: Request) {
  const repo = repoOf(req);
  const ref = req.query.get('ref') ?? repo.default_branch;
  const sha = req.gh.resolve(repo, ref);
  if (!sha) throw new HttpError(404, `No commit found for the ref ${ref}`);
  const files = req.gh.filesAt(sha);
  const path = (req.params.path ?? '').replace(/\/$/, '');
  const blob = files[path];
  if (blob && repo.symlinks?.has(path)) {
    // GitHub answers a link to a file in the repository with that file; any other, with the link.
    const target = (req.gh.blobs.get(blob) ?? Buffer.alloc(0)).toString('utf8');
    const resolved = posix.normalize(posix.join(posix.dirname(path), target));
    const targetBlob = files[resolved];
    if (!targetBlob || repo.symlinks.has(resolved)) {
      return {
        ...contentEntry(req, repo, path, blob, 'file', ref),
        type: 'symlink',
        target,
        download_url: null,
      };
    }
    return readBlob(req, repo, resolved, targetBlob, ref);
  }
  if (blob) return readBlob(req, repo, path, blob, ref);
  return readDir(req, repo, files, path, sha, ref);
}

function readBlob(req: Request, repo: FakeRepo, path: string, blob: string, ref: string) {
  const data = req.gh.blobs.get(blob) ?? Buffer.alloc(0);
  if (req.accept.includes('raw')) return { status: 200, text: data.toString('utf8') };
  return {
    ...contentEntry(req, repo, path, blob, 'file', ref),
    content: data.toString('base64'),
    encoding: 'base64',
  };
}

function readDir(
  req: Request,
  repo: FakeRepo,
  files: Record<string, string>,
  path: string,
  sha: string,
  ref: string,
) {
  const prefix = path ? `${path}/` : '';
  const names = new Map<string, 'file' | 'dir'>();
  for (const p of Object.keys(files)) {
    if (!p.startsWith(prefix)) continue;
    const [first, ...rest] = p.slice(prefix.length).split('/');
    if (first) names.set(first, rest.length > 0 ? 'dir' : 'file');
  }
  if (names.size === 0) throw notFound();
  return [...names].map(([name, type]) =>
    contentEntry(req, repo, prefix + name, type === 'file' ? (files[prefix + name] ?? '') : sha, type, ref),
  );
}

export const repoRoutes: Route[] = [
  route('GET', '/user', (req) => {
    const user = req.gh.users.get(req.login.toLowerCase());
    if (!user) throw notFound();
    return fullUser(req.gh, req.urls, user, true);
  }),
  route('GET', '/users/{username}', (req) => {
    const user = req.gh.users.get((req.params.username ?? '').toLowerCase());
    if (!user) throw notFound();
    return fullUser(req.gh, req.urls, user, false);
  }),
  route('GET', '/repos/{owner}/{repo}', (req) => repository(req.gh, req.urls, repoOf(req), req.login)),
  route('GET', '/user/repos', (req) => {
    const mine = [...req.gh.repos.values()].filter(
      (r) =>
        req.gh.permission(r, req.login) !== 'none' &&
        (r.private || r.collaborators.has(req.login.toLowerCase())),
    );
    return page(req, mine, '/user/repos').map((r) => repository(req.gh, req.urls, r, req.login));
  }),
  route('GET', '/users/{username}/repos', (req) => {
    const owner = (req.params.username ?? '').toLowerCase();
    const theirs = [...req.gh.repos.values()].filter((r) => r.owner.toLowerCase() === owner && !r.private);
    return page(req, theirs, `/users/${req.params.username}/repos`).map((r) =>
      repository(req.gh, req.urls, r, req.login),
    );
  }),

  route('POST', '/user/repos', (req) => {
    const name = str(req.body.name, 'name', 'Repository');
    if (req.gh.repo(req.login, name))
      throw validationFailed('Repository', 'name', 'custom', 'name already exists on this account');
    const repo = req.gh.addRepo(req.login, name, {
      private: req.body.private === true,
      ...(typeof req.body.description === 'string' && { description: req.body.description }),
    });
    return { status: 201, body: repository(req.gh, req.urls, repo, req.login) };
  }),
  route('POST', '/orgs/{org}/repos', (req) => {
    const org = req.params.org ?? '';
    const name = str(req.body.name, 'name', 'Repository');
    // The fake knows organizations only through their teams: members of one may create repositories.
    const member = [...req.gh.teams.values()].some(
      (t) => t.org.toLowerCase() === org.toLowerCase() && t.members.includes(req.login.toLowerCase()),
    );
    if (!member) throw notFound();
    if (req.gh.repo(org, name))
      throw validationFailed('Repository', 'name', 'custom', 'name already exists on this account');
    const repo = req.gh.addRepo(org, name, {
      private: req.body.private === true,
      ...(typeof req.body.description === 'string' && { description: req.body.description }),
    });
    repo.collaborators.set(req.login.toLowerCase(), 'admin');
    return { status: 201, body: repository(req.gh, req.urls, repo, req.login) };
  }),
  route('DELETE', '/repos/{owner}/{repo}', (req) => {
    const repo = repoOf(req);
    if (req.gh.permission(repo, req.login) !== 'admin') {
      throw new HttpError(403, 'Must have admin rights to Repository.');
    }
    req.gh.repos.delete(`${repo.owner}/${repo.name}`.toLowerCase());
    return { status: 204 };
  }),
  route('POST', '/repos/{owner}/{repo}/forks', (req) => {
    const source = repoOf(req);
    const owner = (req.body.organization as string | undefined) ?? req.login;
    const name = (req.body.name as string | undefined) ?? source.name;
    const fork = req.gh.repo(owner, name) ?? req.gh.addRepo(owner, name, { files: {} });
    fork.fork = true;
    fork.branches = new Map(source.branches);
    fork.description = source.description;
    return { status: 202, body: repository(req.gh, req.urls, fork, req.login) };
  }),
  route('GET', '/repos/{owner}/{repo}/collaborators/{username}/permission', (req) => {
    const repo = repoOf(req);
    const username = req.params.username ?? '';
    const user = req.gh.users.get(username.toLowerCase());
    if (!user) throw notFound();
    const permission = req.gh.permission(repo, username);
    const push = permission === 'admin' || permission === 'write';
    return {
      permission,
      role_name: permission,
      user: {
        ...simpleUser({ user, urls: req.urls }),
        permissions: {
          pull: permission !== 'none',
          triage: push,
          push,
          maintain: permission === 'admin',
          admin: permission === 'admin',
        },
        role_name: permission,
      },
    };
  }),
  route('GET', '/repos/{owner}/{repo}/contents', (req) => readContents(req)),
  route('GET', '/repos/{owner}/{repo}/contents/{path*}', (req) => readContents(req)),
  route('PUT', '/repos/{owner}/{repo}/contents/{path*}', (req) => writeFile(req, false)),
  route('DELETE', '/repos/{owner}/{repo}/contents/{path*}', (req) => writeFile(req, true)),
  route('GET', '/repos/{owner}/{repo}/commits', (req) => {
    const repo = repoOf(req);
    const head = req.gh.resolve(repo, req.query.get('sha') ?? undefined);
    if (!head) throw new HttpError(404, 'No commit found for SHA');
    const path = req.query.get('path');
    const author = req.query.get('author')?.toLowerCase();
    const commits = req.gh.history(head).filter((c) => {
      if (author && c.login?.toLowerCase() !== author) return false;
      if (!path) return true;
      const before = c.parents[0] ? req.gh.filesAt(c.parents[0])[path] : undefined;
      return before !== req.gh.filesAt(c.sha)[path];
    });
    return page(req, commits, `/repos/${repo.owner}/${repo.name}/commits`).map((c) =>
      commitSummary(req.gh, req.urls, repo, c),
    );
  }),
  route('GET', '/repos/{owner}/{repo}/commits/{ref}', (req) => {
    const repo = repoOf(req);
    const sha = req.gh.resolve(repo, req.params.ref);
    const c = sha ? req.gh.commits.get(sha) : undefined;
    if (!c) throw new HttpError(422, `No commit found for SHA: ${req.params.ref}`);
    const all = commitDiff(req, c.parents[0], c.sha);
    const additions = all.reduce((n, f) => n + f.additions, 0);
    const deletions = all.reduce((n, f) => n + f.deletions, 0);
    // GitHub pages a commit's files when asked (page, per_page; else the first 300), with the
    // stats always over all of them.
    const paged = req.query.has('page') || req.query.has('per_page');
    const files = paged
      ? page(req, all, `/repos/${repo.owner}/${repo.name}/commits/${req.params.ref}`)
      : all.slice(0, 300);
    return {
      ...commitSummary(req.gh, req.urls, repo, c),
      stats: { additions, deletions, total: additions + deletions },
      files,
    };
  }),
  route('GET', '/repos/{owner}/{repo}/branches', (req) => {
    const repo = repoOf(req);
    const all = [...repo.branches].sort(([a], [b]) => a.localeCompare(b));
    return page(req, all, `/repos/${repo.owner}/${repo.name}/branches`).map(([name, sha]) => ({
      name,
      commit: { sha, url: `${base(req, repo)}/commits/${sha}` },
      protected: false,
    }));
  }),
  route('GET', '/repos/{owner}/{repo}/tags', (req) => {
    const repo = repoOf(req);
    return page(req, [...repo.tags], `/repos/${repo.owner}/${repo.name}/tags`).map(([name, sha]) => ({
      name,
      node_id: `T_${name}`,
      commit: { sha, url: `${base(req, repo)}/commits/${sha}` },
      zipball_url: `${base(req, repo)}/zipball/refs/tags/${name}`,
      tarball_url: `${base(req, repo)}/tarball/refs/tags/${name}`,
    }));
  }),
];
