import { notFound, type Request, type Route, route, validationFailed } from './http.js';
import { field, projectOf, projectUrl, requireWrite } from './routes-projects.js';
import { userByLogin } from './shapes.js';
import type { FakeProject, FakeProjectField, FakeProjectView } from './state.js';

/**
 * Creating a project view and adding an iteration field, which GitHub's REST API does (changing,
 * listing and deleting views it leaves to GraphQL: graphql-projects.ts). A user's views are
 * addressed by the user's numeric id, everything else by login.
 */

const LAYOUTS = ['table', 'board', 'roadmap'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function view(req: Request, kind: string, p: FakeProject, v: FakeProjectView) {
  return {
    id: v.id,
    number: v.number,
    name: v.name,
    layout: v.layout,
    node_id: `PVTV_${v.id}`,
    project_url: projectUrl(req, kind, p),
    html_url: `${req.urls.web}/${kind}/${p.owner}/projects/${p.number}/views/${v.number}`,
    creator: userByLogin(req.gh, req.urls, v.creator),
    created_at: v.created_at,
    updated_at: v.updated_at,
    filter: v.filter,
    visible_fields: v.visible_fields,
    sort_by: [],
    group_by: [],
    vertical_group_by: [],
  };
}

function createView(req: Request, kind: 'orgs' | 'users', p: FakeProject) {
  requireWrite(req, p);
  const b = req.body;
  if (typeof b.name !== 'string' || !b.name.trim())
    throw validationFailed('ProjectV2View', 'name', 'missing_field');
  const layout = LAYOUTS.find((l) => l === b.layout);
  if (!layout) throw validationFailed('ProjectV2View', 'layout', 'invalid');
  const wanted = Array.isArray(b.visible_fields) ? (b.visible_fields as unknown[]) : [];
  if (layout === 'roadmap' && wanted.length > 0)
    throw validationFailed('ProjectV2View', 'visible_fields', 'invalid', 'Not applicable to roadmap views');
  for (const id of wanted) {
    if (!p.fields.some((f) => f.id === id))
      throw validationFailed('ProjectV2View', 'visible_fields', 'invalid', `No field ${String(id)}`);
  }
  const now = req.gh.now();
  const v: FakeProjectView = {
    id: req.gh.id(),
    number: Math.max(0, ...p.views.map((x) => x.number)) + 1,
    name: b.name,
    layout,
    filter: typeof b.filter === 'string' && b.filter !== '' ? b.filter : null,
    visible_fields: wanted as number[],
    creator: req.login,
    created_at: now,
    updated_at: now,
  };
  p.views.push(v);
  return { status: 201, body: view(req, kind, p, v) };
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function addField(req: Request, kind: 'orgs' | 'users', p: FakeProject) {
  requireWrite(req, p);
  const b = req.body;
  if (typeof b.name !== 'string' || !b.name.trim())
    throw validationFailed('ProjectV2Field', 'name', 'missing_field');
  if (p.fields.some((f) => f.name.toLowerCase() === String(b.name).toLowerCase()))
    throw validationFailed('ProjectV2Field', 'name', 'already_exists', 'Name has already been taken');
  const f: FakeProjectField = { id: req.gh.id(), name: b.name, data_type: 'text', options: [] };
  if (b.data_type === 'iteration') {
    const c = (b.iteration_configuration ?? {}) as Record<string, unknown>;
    const start = c.start_date;
    const duration = c.duration;
    if (typeof start !== 'string' || !DATE.test(start) || typeof duration !== 'number' || duration < 1)
      throw validationFailed('ProjectV2Field', 'iteration_configuration', 'invalid');
    const given = Array.isArray(c.iterations) ? (c.iterations as Array<Record<string, unknown>>) : [];
    // Without iterations GitHub starts three of the default length.
    const plan =
      given.length > 0
        ? given.map((i) => ({
            title: String(i.title),
            start_date: String(i.start_date),
            duration: Number(i.duration),
          }))
        : [0, 1, 2].map((k) => ({
            title: `Iteration ${k + 1}`,
            start_date: addDays(start, k * duration),
            duration,
          }));
    f.data_type = 'iteration';
    f.iteration = {
      start_date: start,
      duration,
      iterations: plan.map((i) => ({ id: req.gh.id().toString(16), ...i })),
    };
  } else if (['text', 'number', 'date'].includes(String(b.data_type))) {
    f.data_type = b.data_type as 'text' | 'number' | 'date';
  } else {
    throw validationFailed('ProjectV2Field', 'data_type', 'invalid');
  }
  p.fields.push(f);
  return { status: 201, body: field(req, kind, p, f) };
}

function userById(req: Request): string {
  const user = [...req.gh.users.values()].find((u) => String(u.id) === req.params.user_id);
  if (user?.type !== 'User') throw notFound();
  return user.login;
}

export const projectViewRoutes: Route[] = [
  route('POST', '/orgs/{owner}/projectsV2/{number}/views', (req) =>
    createView(req, 'orgs', projectOf(req, 'orgs')),
  ),
  route('POST', '/users/{user_id}/projectsV2/{number}/views', (req) =>
    createView(req, 'users', projectOf(req, 'users', userById(req))),
  ),
  route('POST', '/orgs/{owner}/projectsV2/{number}/fields', (req) =>
    addField(req, 'orgs', projectOf(req, 'orgs')),
  ),
  route('POST', '/users/{owner}/projectsV2/{number}/fields', (req) =>
    addField(req, 'users', projectOf(req, 'users')),
  ),
];
