import { notFound, page, type Request, type Route, repoOf, requirePush, route } from './http.js';
import { repository, simpleUser } from './shapes.js';
import type { FakeRepo } from './state.js';

/** Who works on a repository and who starred it. */

const keyOf = (repo: FakeRepo) => `${repo.owner}/${repo.name}`.toLowerCase();

function collaborators(req: Request, repo: FakeRepo) {
  const affiliation = req.query.get('affiliation') ?? 'all';
  // The fake has no organisation membership, so every collaborator is a direct one and none is outside.
  if (affiliation === 'outside') return [];
  const logins = [repo.owner, ...repo.collaborators.keys()];
  return [...new Set(logins.map((l) => l.toLowerCase()))].flatMap((login) => {
    const user = req.gh.users.get(login);
    if (user?.type !== 'User') return [];
    const permission = req.gh.permission(repo, login);
    const push = permission === 'admin' || permission === 'write';
    const permissions = {
      pull: true,
      triage: push,
      push,
      maintain: permission === 'admin',
      admin: permission === 'admin',
    };
    return [{ ...simpleUser({ user, urls: req.urls }), permissions, role_name: permission }];
  });
}

function starredBy(req: Request, login: string, path: string) {
  const keys = [...(req.gh.starred.get(login.toLowerCase()) ?? [])];
  const repos = keys.flatMap((k) => {
    const repo = req.gh.repos.get(k);
    return repo && req.gh.canSee(repo, req.login) ? [repo] : [];
  });
  if (req.query.get('direction') === 'asc') repos.reverse();
  return page(req, repos, path).map((r) => repository(req.gh, req.urls, r, req.login));
}

function star(req: Request, on: boolean) {
  const repo = repoOf(req);
  const mine = req.gh.starred.get(req.login.toLowerCase()) ?? new Set<string>();
  const was = mine.has(keyOf(repo));
  if (on) mine.add(keyOf(repo));
  else mine.delete(keyOf(repo));
  req.gh.starred.set(req.login.toLowerCase(), mine);
  repo.stars += (on ? 1 : 0) - (was ? 1 : 0);
  return { status: 204 };
}

export const peopleRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/collaborators', (req) => {
    const repo = repoOf(req);
    // GitHub lists collaborators only to those with push access.
    requirePush(req, repo);
    return page(req, collaborators(req, repo), `/repos/${repo.owner}/${repo.name}/collaborators`);
  }),
  route('GET', '/user/starred', (req) => starredBy(req, req.login, '/user/starred')),
  route('GET', '/users/{username}/starred', (req) => {
    if (!req.gh.users.has((req.params.username ?? '').toLowerCase())) throw notFound();
    return starredBy(req, req.params.username ?? '', `/users/${req.params.username}/starred`);
  }),
  route('PUT', '/user/starred/{owner}/{repo}', (req) => star(req, true)),
  route('DELETE', '/user/starred/{owner}/{repo}', (req) => star(req, false)),
];
