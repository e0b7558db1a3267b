import {
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
import { milestone } from './shapes.js';
import type { FakeMilestone, FakeRepo } from './state.js';

/** A repository's milestones. */

const listOf = (req: Request, repo: FakeRepo): FakeMilestone[] => {
  const key = `${repo.owner}/${repo.name}`.toLowerCase();
  const all = req.gh.milestones.get(key) ?? [];
  req.gh.milestones.set(key, all);
  return all;
};

function milestoneOf(req: Request, repo: FakeRepo): FakeMilestone {
  const found = listOf(req, repo).find((m) => String(m.number) === req.params.number);
  if (!found) throw notFound();
  return found;
}

function edit(req: Request, m: FakeMilestone) {
  const b = req.body;
  if (typeof b.title === 'string') m.title = b.title;
  if (typeof b.description === 'string') m.description = b.description;
  if (typeof b.due_on === 'string' || b.due_on === null) m.due_on = b.due_on as string | null;
  if (b.state === 'open' || b.state === 'closed') {
    if (b.state !== m.state) m.closed_at = b.state === 'closed' ? req.gh.now() : null;
    m.state = b.state;
  }
  m.updated_at = req.gh.now();
}

export const milestoneRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/milestones', (req) => {
    const repo = repoOf(req);
    const state = req.query.get('state') ?? 'open';
    const found = listOf(req, repo).filter((m) => state === 'all' || m.state === state);
    if (req.query.get('direction') === 'desc') found.reverse();
    const path = `/repos/${repo.owner}/${repo.name}/milestones`;
    return page(req, found, path).map((m) => milestone(req.gh, req.urls, repo, m));
  }),
  route('GET', '/repos/{owner}/{repo}/milestones/{number}', (req) => {
    const repo = repoOf(req);
    return milestone(req.gh, req.urls, repo, milestoneOf(req, repo));
  }),
  route('POST', '/repos/{owner}/{repo}/milestones', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const title = str(req.body.title, 'title', 'Milestone');
    const all = listOf(req, repo);
    if (all.some((m) => m.title === title)) throw validationFailed('Milestone', 'title', 'already_exists');
    const now = req.gh.now();
    const created: FakeMilestone = {
      id: req.gh.id(),
      number: all.length + 1,
      title,
      description: null,
      state: 'open',
      due_on: null,
      creator: req.login,
      created_at: now,
      updated_at: now,
      closed_at: null,
    };
    edit(req, created);
    all.push(created);
    return { status: 201, body: milestone(req.gh, req.urls, repo, created) };
  }),
  route('PATCH', '/repos/{owner}/{repo}/milestones/{number}', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const m = milestoneOf(req, repo);
    edit(req, m);
    return milestone(req.gh, req.urls, repo, m);
  }),
];
