import { notFound, type Request, type Route, repoOf, route } from './http.js';
import type { FakeSubscription } from './state.js';

/** Watching notification threads and repositories (PUT sets, DELETE stops, GET reads). */

function threadOf(req: Request) {
  const n = req.gh.notifications.find((x) => x.id === req.params.id && x.login === req.login);
  if (!n) throw notFound();
  return n;
}

function set(map: Map<string, FakeSubscription>, key: string, req: Request): FakeSubscription {
  const ignored = req.body.ignored === true;
  const sub = { subscribed: !ignored, ignored, created_at: map.get(key)?.created_at ?? req.gh.now() };
  map.set(key, sub);
  return sub;
}

export const subscriptionRoutes: Route[] = [
  route('PUT', '/notifications/threads/{id}/subscription', (req) => {
    const n = threadOf(req);
    const url = `${req.urls.api}/notifications/threads/${n.id}`;
    const sub = set(req.gh.threadSubscriptions, `${req.login}|${n.id}`.toLowerCase(), req);
    return { ...sub, reason: null, url: `${url}/subscription`, thread_url: url };
  }),
  route('DELETE', '/notifications/threads/{id}/subscription', (req) => {
    const n = threadOf(req);
    req.gh.threadSubscriptions.delete(`${req.login}|${n.id}`.toLowerCase());
    return { status: 204 };
  }),
  route('GET', '/repos/{owner}/{repo}/subscription', (req) => {
    const repo = repoOf(req);
    const sub = req.gh.repoSubscriptions.get(`${req.login}|${repo.owner}/${repo.name}`.toLowerCase());
    if (!sub) throw notFound();
    const url = `${req.urls.api}/repos/${repo.owner}/${repo.name}`;
    return { ...sub, reason: null, url: `${url}/subscription`, repository_url: url };
  }),
  route('PUT', '/repos/{owner}/{repo}/subscription', (req) => {
    const repo = repoOf(req);
    const sub = set(req.gh.repoSubscriptions, `${req.login}|${repo.owner}/${repo.name}`.toLowerCase(), req);
    const url = `${req.urls.api}/repos/${repo.owner}/${repo.name}`;
    return { ...sub, reason: null, url: `${url}/subscription`, repository_url: url };
  }),
  route('DELETE', '/repos/{owner}/{repo}/subscription', (req) => {
    const repo = repoOf(req);
    req.gh.repoSubscriptions.delete(`${req.login}|${repo.owner}/${repo.name}`.toLowerCase());
    return { status: 204 };
  }),
];
