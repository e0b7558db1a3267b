import {
  actor,
  connection,
  forbidden,
  type GraphqlContext,
  gqlError,
  notFoundNode,
  type PageArgs,
  parseNodeId,
} from './graphql-views.js';
import { canWriteProject } from './routes-projects.js';
import type { FakeProject, FakeProjectField, FakeProjectStatusUpdate, FakeProjectView } from './state.js';

/**
 * Projects (v2) over GraphQL, for what their REST API lacks: an owner's project by number, its
 * views and status updates, creating a project or a status update, and changing or deleting a
 * view. Ids are the REST ids behind a prefix: PVT_ project, PVTV_ view, PVTSU_ status update.
 */

type Input<T> = { input: T };

const LAYOUTS = { table: 'TABLE_LAYOUT', board: 'BOARD_LAYOUT', roadmap: 'ROADMAP_LAYOUT' } as const;
type Layout = keyof typeof LAYOUTS;
const layoutOf = (value: string): Layout =>
  (Object.keys(LAYOUTS) as Layout[]).find((k) => LAYOUTS[k] === value) ?? 'table';

const visible = (ctx: GraphqlContext, p: FakeProject) => p.public || canWriteProject(ctx.gh, ctx.login, p);

function fieldView(f: FakeProjectField) {
  const __typename =
    f.data_type === 'single_select'
      ? 'ProjectV2SingleSelectField'
      : f.data_type === 'iteration'
        ? 'ProjectV2IterationField'
        : 'ProjectV2Field';
  return {
    __typename,
    id: `PVTF_${f.id}`,
    databaseId: f.id,
    name: f.name,
    dataType: f.data_type.toUpperCase(),
  };
}

function viewView(ctx: GraphqlContext, p: FakeProject, v: FakeProjectView): Record<string, unknown> {
  // An empty list stands for the layout's default: every field but the hidden ones.
  const shown = v.visible_fields.length > 0 ? v.visible_fields : p.fields.map((f) => f.id);
  const fields = shown.flatMap((id) => p.fields.filter((f) => f.id === id));
  return {
    __typename: 'ProjectV2View',
    id: `PVTV_${v.id}`,
    databaseId: v.id,
    fullDatabaseId: String(v.id),
    number: v.number,
    name: v.name,
    layout: LAYOUTS[v.layout],
    filter: v.filter,
    createdAt: v.created_at,
    updatedAt: v.updated_at,
    project: () => projectView(ctx, p),
    fields: (args: PageArgs) => connection(fields, args, fieldView, 'fields'),
  };
}

function statusView(
  ctx: GraphqlContext,
  p: FakeProject,
  s: FakeProjectStatusUpdate,
): Record<string, unknown> {
  return {
    __typename: 'ProjectV2StatusUpdate',
    id: `PVTSU_${s.id}`,
    databaseId: s.id,
    fullDatabaseId: String(s.id),
    body: s.body,
    status: s.status,
    startDate: s.start_date,
    targetDate: s.target_date,
    createdAt: s.created_at,
    updatedAt: s.created_at,
    creator: actor(ctx, s.creator),
    project: () => projectView(ctx, p),
  };
}

export function projectView(ctx: GraphqlContext, p: FakeProject): Record<string, unknown> {
  const kind = ctx.gh.users.get(p.owner.toLowerCase())?.type === 'Organization' ? 'orgs' : 'users';
  return {
    __typename: 'ProjectV2',
    id: `PVT_${p.id}`,
    databaseId: p.id,
    fullDatabaseId: String(p.id),
    number: p.number,
    title: p.title,
    shortDescription: p.description,
    public: p.public,
    closed: p.closed_at !== null,
    url: `${ctx.urls.web}/${kind}/${p.owner}/projects/${p.number}`,
    views: (args: PageArgs) => connection(p.views, args, (v) => viewView(ctx, p, v), 'views'),
    // Newest first, GitHub's default order.
    statusUpdates: (args: PageArgs) =>
      connection([...p.statusUpdates].reverse(), args, (s) => statusView(ctx, p, s), 'statusUpdates'),
  };
}

/** `organization(login:)` and `user(login:)` with their projects by number. */
export function projectOwnerRoots(ctx: GraphqlContext) {
  const owner = (login: string, type: 'Organization' | 'User') => {
    const user = ctx.gh.users.get(login.toLowerCase());
    if (user?.type !== type) {
      throw gqlError(
        'NOT_FOUND',
        `Could not resolve to a${type === 'User' ? '' : 'n'} ${type} with the login of '${login}'.`,
      );
    }
    return {
      ...actor(ctx, user.login),
      projectV2: ({ number }: { number: number }) => {
        const p = ctx.gh.projects.find((x) => x.owner === user.login && x.number === number);
        if (!p || !visible(ctx, p)) {
          throw gqlError('NOT_FOUND', `Could not resolve to a ProjectV2 with the number ${number}.`);
        }
        return projectView(ctx, p);
      },
    };
  };
  return {
    organization: ({ login }: { login: string }) => owner(login, 'Organization'),
    user: ({ login }: { login: string }) => owner(login, 'User'),
  };
}

type Found<T> = { p: FakeProject; found: T };

function findIn<T extends { id: number }>(
  ctx: GraphqlContext,
  id: string,
  prefix: string,
  list: (p: FakeProject) => T[],
): Found<T> | undefined {
  const parsed = parseNodeId(id);
  if (parsed?.prefix !== prefix) return undefined;
  for (const p of ctx.gh.projects) {
    const found = list(p).find((x) => x.id === parsed.id);
    if (found && visible(ctx, p)) return { p, found };
  }
  return undefined;
}

/** A project, view or status update by global id, for `node(id:)`. */
export function projectNode(ctx: GraphqlContext, id: string): Record<string, unknown> | undefined {
  const view = findIn(ctx, id, 'PVTV', (p) => p.views);
  if (view) return viewView(ctx, view.p, view.found);
  const status = findIn(ctx, id, 'PVTSU', (p) => p.statusUpdates);
  if (status) return statusView(ctx, status.p, status.found);
  const project = findIn(ctx, id, 'PVT', (p) => [p]);
  return project && projectView(ctx, project.p);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function projectMutations(ctx: GraphqlContext) {
  const writable = <T extends { id: number }>(
    id: string,
    prefix: string,
    list: (p: FakeProject) => T[],
    mutation: string,
  ) => {
    const found = findIn(ctx, id, prefix, list);
    if (!found) throw notFoundNode(id);
    if (!canWriteProject(ctx.gh, ctx.login, found.p)) throw forbidden(ctx, mutation);
    return found;
  };
  return {
    createProjectV2: ({ input }: Input<{ ownerId: string; title: string }>) => {
      const parsed = parseNodeId(input.ownerId);
      const owner = [...ctx.gh.users.values()].find((u) => u.id === parsed?.id);
      if (!owner || !['U', 'O'].includes(parsed?.prefix ?? '')) throw notFoundNode(input.ownerId);
      const isOrg = owner.type === 'Organization';
      if (isOrg ? !canWriteProject(ctx.gh, ctx.login, { owner: owner.login }) : owner.login !== ctx.login) {
        throw forbidden(ctx, 'CreateProjectV2');
      }
      if (!input.title.trim()) throw gqlError('UNPROCESSABLE', "Title can't be blank");
      const mine = ctx.gh.projects.filter((p) => p.owner === owner.login);
      const now = ctx.gh.now();
      const p: FakeProject = {
        id: ctx.gh.id(),
        number: Math.max(0, ...mine.map((x) => x.number)) + 1,
        owner: owner.login,
        title: input.title,
        description: null,
        public: false,
        closed_at: null,
        creator: ctx.login,
        created_at: now,
        fields: [{ id: ctx.gh.id(), name: 'Title', data_type: 'title', options: [] }],
        items: [],
        views: [],
        statusUpdates: [],
      };
      ctx.gh.projects.push(p);
      return { projectV2: projectView(ctx, p) };
    },
    createProjectV2StatusUpdate: ({
      input,
    }: Input<{
      projectId: string;
      body?: string | null;
      status?: FakeProjectStatusUpdate['status'];
      startDate?: string | null;
      targetDate?: string | null;
    }>) => {
      const { p } = writable(input.projectId, 'PVT', (x) => [x], 'CreateProjectV2StatusUpdate');
      for (const date of [input.startDate, input.targetDate]) {
        if (date != null && !DATE.test(date)) throw gqlError('UNPROCESSABLE', `Invalid date: ${date}`);
      }
      const s: FakeProjectStatusUpdate = {
        id: ctx.gh.id(),
        body: input.body ?? null,
        status: input.status ?? null,
        start_date: input.startDate ?? null,
        target_date: input.targetDate ?? null,
        creator: ctx.login,
        created_at: ctx.gh.now(),
      };
      p.statusUpdates.push(s);
      return { statusUpdate: statusView(ctx, p, s) };
    },
    updateProjectV2View: ({
      input,
    }: Input<{
      viewId: string;
      name?: string | null;
      layout?: string | null;
      filter?: string | null;
      configuration?: { visibleFieldIds?: string[] | null } | null;
    }>) => {
      const { p, found: v } = writable(input.viewId, 'PVTV', (x) => x.views, 'UpdateProjectV2View');
      const layout = input.layout ? layoutOf(input.layout) : v.layout;
      const ids = input.configuration?.visibleFieldIds?.map((id) => {
        const f = p.fields.find((x) => `PVTF_${x.id}` === id);
        if (!f) throw gqlError('UNPROCESSABLE', `No field ${id} in this project.`);
        return f.id;
      });
      if (layout === 'roadmap' && ids && ids.length > 0) {
        throw gqlError('UNPROCESSABLE', 'A roadmap view has no visible fields.');
      }
      if (input.name != null) v.name = input.name;
      v.layout = layout;
      // An empty filter clears it.
      if (input.filter != null) v.filter = input.filter === '' ? null : input.filter;
      if (ids) v.visible_fields = ids;
      v.updated_at = ctx.gh.now();
      return { projectV2View: viewView(ctx, p, v) };
    },
    deleteProjectV2View: ({ input }: Input<{ viewId: string }>) => {
      const { p, found: v } = writable(input.viewId, 'PVTV', (x) => x.views, 'DeleteProjectV2View');
      const view = viewView(ctx, p, v);
      p.views = p.views.filter((x) => x !== v);
      return { projectV2View: view };
    },
  };
}
