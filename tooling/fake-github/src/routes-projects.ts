import { HttpError, notFound, page, type Request, type Route, route, validationFailed } from './http.js';
import { userByLogin } from './shapes.js';
import type { FakeGitHub, FakeProject, FakeProjectField, FakeProjectItem } from './state.js';

/**
 * Projects (v2) of organizations and users: the same routes under /orgs/{owner} and
 * /users/{owner}. Only members (here: the owner and collaborators of the owner's repositories
 * with push access) may change a project; public projects are readable by anyone.
 */

function ownerOf(req: Request, kind: 'orgs' | 'users') {
  const user = req.gh.users.get((req.params.owner ?? '').toLowerCase());
  const type = kind === 'orgs' ? 'Organization' : 'User';
  if (user?.type !== type) throw notFound();
  return user.login;
}

export function projectOf(req: Request, kind: 'orgs' | 'users', owner = ownerOf(req, kind)): FakeProject {
  const p = req.gh.projects.find((x) => x.owner === owner && String(x.number) === req.params.number);
  if (!p || (!p.public && !canWrite(req, p))) throw notFound();
  return p;
}

/** Also the rule of the GraphQL project mutations (graphql-projects.ts). */
export function canWriteProject(gh: FakeGitHub, login: string, p: { owner: string }): boolean {
  if (p.owner.toLowerCase() === login.toLowerCase()) return true;
  return [...gh.repos.values()].some(
    (r) => r.owner === p.owner && ['admin', 'write'].includes(gh.permission(r, login)),
  );
}

const canWrite = (req: Request, p: FakeProject) => canWriteProject(req.gh, req.login, p);

export function requireWrite(req: Request, p: FakeProject) {
  if (!canWrite(req, p)) throw new HttpError(403, 'Resource not accessible by personal access token');
}

export const projectUrl = (req: Request, kind: string, p: FakeProject) =>
  `${req.urls.api}/${kind}/${p.owner}/projectsV2/${p.number}`;

function project(req: Request, p: FakeProject) {
  return {
    id: p.id,
    node_id: `PVT_${p.id}`,
    owner: userByLogin(req.gh, req.urls, p.owner),
    creator: userByLogin(req.gh, req.urls, p.creator),
    title: p.title,
    description: p.description,
    public: p.public,
    closed_at: p.closed_at,
    created_at: p.created_at,
    updated_at: p.created_at,
    number: p.number,
    short_description: p.description,
    deleted_at: null,
    deleted_by: null,
    state: p.closed_at ? 'closed' : 'open',
  };
}

export function field(req: Request, kind: string, p: FakeProject, f: FakeProjectField) {
  return {
    id: f.id,
    node_id: `PVTF_${f.id}`,
    project_url: projectUrl(req, kind, p),
    name: f.name,
    data_type: f.data_type,
    ...(f.data_type === 'single_select' && {
      options: f.options.map((o) => ({
        id: o.id,
        name: { raw: o.name, html: o.name },
        description: { raw: '', html: '' },
        color: 'GRAY',
      })),
    }),
    ...(f.iteration && {
      configuration: {
        start_day: new Date(`${f.iteration.start_date}T00:00:00Z`).getUTCDay(),
        duration: f.iteration.duration,
        iterations: f.iteration.iterations.map((i) => ({
          id: i.id,
          start_date: i.start_date,
          duration: i.duration,
          title: { raw: i.title, html: i.title },
          completed: false,
        })),
      },
    }),
    created_at: p.created_at,
    updated_at: p.created_at,
  };
}

function fieldValue(req: Request, item: FakeProjectItem, f: FakeProjectField) {
  if (f.data_type === 'title') {
    const [owner = '', name = ''] = item.repo.split('/');
    return req.gh.repo(owner, name)?.issues[item.number - 1]?.title ?? null;
  }
  const v = item.values[f.id];
  if (v === undefined) return null;
  if (f.data_type !== 'single_select') return v;
  const option = f.options.find((o) => o.id === v);
  return option ? { id: option.id, name: { raw: option.name, html: option.name } } : null;
}

function item(req: Request, kind: string, p: FakeProject, i: FakeProjectItem) {
  // As on GitHub: the title only, unless `fields` names field ids.
  const wanted = req.query.get('fields')?.split(',').map(Number);
  const shown = p.fields.filter((f) => (wanted ? wanted.includes(f.id) : f.data_type === 'title'));
  const [owner = '', name = ''] = i.repo.split('/');
  const kindPath = i.content_type === 'Issue' ? 'issues' : 'pull';
  return {
    id: i.id,
    node_id: `PVTI_${i.id}`,
    project_url: projectUrl(req, kind, p),
    content_type: i.content_type,
    content: {
      number: i.number,
      url: `${req.urls.api}/repos/${owner}/${name}/issues/${i.number}`,
      html_url: `${req.urls.web}/${owner}/${name}/${kindPath}/${i.number}`,
      repository_url: `${req.urls.api}/repos/${owner}/${name}`,
    },
    creator: userByLogin(req.gh, req.urls, i.creator),
    created_at: i.created_at,
    updated_at: i.updated_at,
    archived_at: null,
    item_url: `${projectUrl(req, kind, p)}/items/${i.id}`,
    fields: shown.map((f) => ({
      id: f.id,
      name: f.name,
      data_type: f.data_type,
      value: fieldValue(req, i, f),
    })),
  };
}

function itemOf(req: Request, p: FakeProject): FakeProjectItem {
  const found = p.items.find((i) => String(i.id) === req.params.item);
  if (!found) throw notFound();
  return found;
}

function setValue(p: FakeProject, i: FakeProjectItem, update: { id?: unknown; value?: unknown }) {
  const f = p.fields.find((x) => x.id === update.id);
  if (!f || f.data_type === 'title') throw validationFailed('ProjectV2ItemFieldValue', 'id', 'invalid');
  if (update.value === null) delete i.values[f.id];
  else if (f.data_type === 'single_select' && !f.options.some((o) => o.id === update.value))
    throw validationFailed('ProjectV2ItemFieldValue', 'value', 'invalid', 'No such option');
  else if (f.data_type === 'number' && typeof update.value !== 'number')
    throw validationFailed('ProjectV2ItemFieldValue', 'value', 'invalid', 'A number field takes a number');
  else i.values[f.id] = update.value as string | number;
}

function routesFor(kind: 'orgs' | 'users'): Route[] {
  const base = `/${kind}/{owner}/projectsV2`;
  return [
    route('GET', base, (req) => {
      const owner = ownerOf(req, kind);
      const words = (req.query.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const found = req.gh.projects.filter(
        (p) =>
          p.owner === owner &&
          (p.public || canWrite(req, p)) &&
          words.every((w) =>
            w === 'is:open'
              ? !p.closed_at
              : w === 'is:closed'
                ? !!p.closed_at
                : p.title.toLowerCase().includes(w),
          ),
      );
      return page(req, found, `/${kind}/${owner}/projectsV2`).map((p) => project(req, p));
    }),
    route('GET', `${base}/{number}`, (req) => project(req, projectOf(req, kind))),
    route('GET', `${base}/{number}/fields`, (req) => {
      const p = projectOf(req, kind);
      return page(req, p.fields, `/${kind}/${p.owner}/projectsV2/${p.number}/fields`).map((f) =>
        field(req, kind, p, f),
      );
    }),
    route('GET', `${base}/{number}/fields/{field}`, (req) => {
      const p = projectOf(req, kind);
      const f = p.fields.find((x) => String(x.id) === req.params.field);
      if (!f) throw notFound();
      return field(req, kind, p, f);
    }),
    route('GET', `${base}/{number}/items`, (req) => {
      const p = projectOf(req, kind);
      return page(req, p.items, `/${kind}/${p.owner}/projectsV2/${p.number}/items`).map((i) =>
        item(req, kind, p, i),
      );
    }),
    route('GET', `${base}/{number}/items/{item}`, (req) => {
      const p = projectOf(req, kind);
      return item(req, kind, p, itemOf(req, p));
    }),
    route('POST', `${base}/{number}/items`, (req) => {
      const p = projectOf(req, kind);
      requireWrite(req, p);
      const b = req.body;
      const repo = req.gh.repo(String(b.owner ?? ''), String(b.repo ?? ''));
      const target = repo?.issues[Number(b.number) - 1];
      const isPull = b.type === 'PullRequest';
      if (!repo || !req.gh.canSee(repo, req.login) || !target || !!target.pull !== isPull)
        throw validationFailed('ProjectV2Item', 'number', 'invalid', 'No such issue or pull request');
      const key = `${repo.owner}/${repo.name}`;
      const existing = p.items.find((i) => i.repo === key && i.number === target.number);
      const now = req.gh.now();
      const added: FakeProjectItem = existing ?? {
        id: req.gh.id(),
        repo: key,
        number: target.number,
        content_type: isPull ? 'PullRequest' : 'Issue',
        creator: req.login,
        created_at: now,
        updated_at: now,
        values: {},
      };
      if (!existing) p.items.push(added);
      const { fields: _fields, content: _content, ...simple } = item(req, kind, p, added);
      return { status: 201, body: simple };
    }),
    route('PATCH', `${base}/{number}/items/{item}`, (req) => {
      const p = projectOf(req, kind);
      requireWrite(req, p);
      const i = itemOf(req, p);
      const updates = req.body.fields;
      if (!Array.isArray(updates)) throw validationFailed('ProjectV2Item', 'fields', 'missing_field');
      for (const u of updates) setValue(p, i, u as { id?: unknown; value?: unknown });
      i.updated_at = req.gh.now();
      return item(req, kind, p, i);
    }),
    route('DELETE', `${base}/{number}/items/{item}`, (req) => {
      const p = projectOf(req, kind);
      requireWrite(req, p);
      const i = itemOf(req, p);
      p.items = p.items.filter((x) => x !== i);
      return { status: 204 };
    }),
  ];
}

export const projectRoutes: Route[] = [...routesFor('orgs'), ...routesFor('users')];
