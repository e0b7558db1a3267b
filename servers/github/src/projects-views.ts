import { InvalidInputError, NotFoundError } from '@refmcp/core';
import * as z from 'zod';
import type { GitHubContext } from './deps.js';
import { graphql } from './graphql.js';
import type { OwnerType } from './projects.js';
import { text } from './sanitize.js';

/**
 * Project views. GitHub's REST API creates them; reading, changing and deleting them is GraphQL
 * only, where a view is known by its node id. Visible fields are given as field database ids
 * (REST's) or names, and travel to GraphQL as the fields' node ids.
 */

export type Where = { type: OwnerType; owner: string; project_number: number };
export const LAYOUTS = ['table', 'board', 'roadmap'] as const;
type Layout = (typeof LAYOUTS)[number];

export const viewOut = z.object({
  id: z.string(),
  number: z.number(),
  name: z.string(),
  layout: z.string(),
  filter: z.string().nullable(),
  visible_fields: z.array(z.number()),
});

export const VIEW_FIELDS =
  'id number name layout filter fields(first: 100) { nodes { ... on ProjectV2FieldCommon { databaseId } } }';

export interface ViewNode {
  id: string;
  number: number;
  name: string;
  layout: string;
  filter: string | null;
  fields: { nodes: Array<{ databaseId?: number | null } | null> | null } | null;
}

export const view = (v: ViewNode) => ({
  id: v.id,
  number: v.number,
  name: text(v.name) ?? '',
  layout: v.layout.replace(/_LAYOUT$/, '').toLowerCase(),
  filter: text(v.filter ?? null, 300),
  visible_fields: (v.fields?.nodes ?? []).flatMap((f) => (f?.databaseId ? [f.databaseId] : [])),
});

type RestView = {
  node_id: string;
  number: number;
  name: string;
  layout: string;
  filter?: string | null;
  visible_fields: number[];
};

/** The project's fields with their node ids, as REST lists them. */
async function restFields(ctx: GitHubContext, where: Where) {
  const gh = ctx.deps.gh.rest.projects;
  const params = { project_number: where.project_number, per_page: 100, request: { signal: ctx.signal } };
  const res =
    where.type === 'org'
      ? await gh.listFieldsForOrg({ ...params, org: where.owner })
      : await gh.listFieldsForUser({ ...params, username: where.owner });
  return res.data.map((f) => ({ id: f.id, node_id: f.node_id, name: f.name }));
}

export interface VisibleArgs {
  visible_fields?: string[] | undefined;
  visible_field_names?: string[] | undefined;
}

/** The fields asked for, in order; undefined when neither argument is given, [] to reset. */
async function visibleFields(ctx: GitHubContext, where: Where, input: VisibleArgs) {
  const { visible_fields: ids, visible_field_names: names } = input;
  if (ids === undefined && names === undefined) return undefined;
  if (ids?.length && names?.length)
    throw new InvalidInputError('Give visible_fields or visible_field_names, not both.');
  const wanted = ids?.length ? ids : (names ?? []);
  if (wanted.length === 0) return [];
  const all = await restFields(ctx, where);
  const found = wanted.map((w) => {
    const f = ids?.length
      ? all.find((x) => String(x.id) === w)
      : all.find((x) => x.name.toLowerCase() === w.toLowerCase());
    if (!f)
      throw new InvalidInputError(
        `No field "${w}" in this project. Known: ${all.map((x) => `${x.name} (${x.id})`).join(', ')}.`,
      );
    return f;
  });
  if (new Set(found.map((f) => f.id)).size < found.length)
    throw new InvalidInputError('A field is listed twice.');
  return found;
}

const noRoadmapFields = (layout: string | undefined, fields: unknown[] | undefined) => {
  if (layout === 'roadmap' && fields?.length)
    throw new InvalidInputError('A roadmap view takes no visible fields.');
};

export async function createView(
  ctx: GitHubContext,
  where: Where,
  input: VisibleArgs & { name: string; layout: Layout; filter?: string | null | undefined },
) {
  if (!input.name.trim()) throw new InvalidInputError('create_project_view needs a non-empty name.');
  noRoadmapFields(input.layout, input.visible_fields ?? input.visible_field_names);
  const fields = await visibleFields(ctx, where, input);
  const body = {
    project_number: where.project_number,
    name: input.name,
    layout: input.layout,
    ...(input.filter && { filter: input.filter }),
    ...(fields?.length && { visible_fields: fields.map((f) => f.id) }),
    request: { signal: ctx.signal },
  };
  const gh = ctx.deps.gh;
  // A user's views are addressed by the user's numeric id.
  const res =
    where.type === 'org'
      ? await gh.request('POST /orgs/{org}/projectsV2/{project_number}/views', { ...body, org: where.owner })
      : await gh.request('POST /users/{user_id}/projectsV2/{project_number}/views', {
          ...body,
          user_id: String(
            (await gh.rest.users.getByUsername({ username: where.owner, request: body.request })).data.id,
          ),
        });
  const v = res.data as RestView;
  return {
    id: v.node_id,
    number: v.number,
    name: text(v.name) ?? '',
    layout: v.layout,
    filter: text(v.filter ?? null, 300),
    visible_fields: v.visible_fields,
  };
}

interface Parent {
  node: { id?: string; layout?: string; project?: { id: string } } | null;
}

/** The view's layout, once it is known to belong to the project named (ids are global). */
async function layoutInProject(ctx: GitHubContext, where: Where, viewId: string): Promise<string> {
  const gh = ctx.deps.gh.rest.projects;
  const base = { project_number: where.project_number, request: { signal: ctx.signal } };
  const project =
    where.type === 'org'
      ? await gh.getForOrg({ ...base, org: where.owner })
      : await gh.getForUser({ ...base, username: where.owner });
  const { node } = await graphql<Parent>(
    ctx,
    'query ViewParent($id: ID!) { node(id: $id) { ... on ProjectV2View { id layout project { id } } } }',
    { id: viewId },
  );
  if (!node?.id) throw new NotFoundError(`No project view ${viewId}.`);
  if (node.project?.id !== project.data.node_id)
    throw new InvalidInputError(`View ${viewId} is not in project ${where.owner}#${where.project_number}.`);
  return (node.layout ?? '').replace(/_LAYOUT$/, '').toLowerCase();
}

export async function updateView(
  ctx: GitHubContext,
  where: Where,
  viewId: string,
  input: VisibleArgs & {
    name?: string | undefined;
    layout?: Layout | undefined;
    filter?: string | null | undefined;
  },
) {
  const { name, layout, filter, visible_fields, visible_field_names } = input;
  if ([name, layout, filter, visible_fields, visible_field_names].every((x) => x === undefined))
    throw new InvalidInputError(
      'update_project_view needs one of name, layout, filter, visible_fields or visible_field_names.',
    );
  if (name !== undefined && !name.trim()) throw new InvalidInputError('name must not be empty.');
  const current = await layoutInProject(ctx, where, viewId);
  noRoadmapFields(layout ?? current, visible_fields ?? visible_field_names);
  const fields = await visibleFields(ctx, where, input);
  const change = {
    viewId,
    ...(name !== undefined && { name }),
    ...(layout && { layout: `${layout.toUpperCase()}_LAYOUT` }),
    // GitHub clears a filter given as an empty string.
    ...(filter !== undefined && { filter: filter ?? '' }),
    ...(fields && { configuration: { visibleFieldIds: fields.map((f) => f.node_id) } }),
  };
  const res = await graphql<{ updateProjectV2View: { projectV2View: ViewNode } }>(
    ctx,
    `mutation UpdateView($input: UpdateProjectV2ViewInput!) { updateProjectV2View(input: $input) { projectV2View { ${VIEW_FIELDS} } } }`,
    { input: change },
  );
  return view(res.updateProjectV2View.projectV2View);
}

export async function deleteView(ctx: GitHubContext, where: Where, viewId: string) {
  await layoutInProject(ctx, where, viewId);
  await graphql(
    ctx,
    'mutation DeleteView($input: DeleteProjectV2ViewInput!) { deleteProjectV2View(input: $input) { projectV2View { id } } }',
    { input: { viewId } },
  );
  return viewId;
}

export interface PageArgs {
  per_page?: number | undefined;
  after?: string | undefined;
  before?: string | undefined;
}

type PageInfo = {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
};

/** One page of a project's connection (views, statusUpdates), with cursors as REST pages give them. */
export async function projectConnection<T>(
  ctx: GitHubContext,
  where: Where,
  connection: string,
  selection: string,
  page: PageArgs,
): Promise<{ nodes: T[]; nextCursor?: string; prevCursor?: string }> {
  if (page.after && page.before) throw new InvalidInputError('Give after or before, not both.');
  const root = where.type === 'org' ? 'organization' : 'user';
  const query = `query ProjectPage($owner: String!, $number: Int!, $first: Int, $last: Int, $after: String, $before: String) {
  ${root}(login: $owner) { projectV2(number: $number) {
    ${connection}(first: $first, last: $last, after: $after, before: $before) {
      nodes { ${selection} } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`;
  const size = page.per_page ?? 30;
  const data = await graphql<
    Record<string, { projectV2: Record<string, { nodes: T[]; pageInfo: PageInfo }> }>
  >(ctx, query, {
    owner: where.owner,
    number: where.project_number,
    ...(page.before ? { last: size, before: page.before } : { first: size, after: page.after ?? null }),
  });
  const found = data[root]?.projectV2[connection];
  if (!found) throw new NotFoundError(`No project ${where.owner}#${where.project_number}.`);
  const { pageInfo: p } = found;
  return {
    nodes: found.nodes,
    ...(p.hasNextPage && p.endCursor && { nextCursor: p.endCursor }),
    ...(p.hasPreviousPage && p.startCursor && { prevCursor: p.startCursor }),
  };
}

/** A view or status update by node id; `type` names the GraphQL type it must be. */
export async function nodeOf<T>(ctx: GitHubContext, id: string, type: string, selection: string): Promise<T> {
  const { node } = await graphql<{ node: (T & { id?: string }) | null }>(
    ctx,
    `query NodeOf($id: ID!) { node(id: $id) { ... on ${type} { ${selection} } } }`,
    { id },
  );
  if (!node?.id) throw new NotFoundError(`${id} is not a ${type} you can see.`);
  return node;
}
