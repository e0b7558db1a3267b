import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import {
  cursorsOf,
  fieldIds,
  fieldOut,
  item,
  itemOut,
  listFields,
  needs,
  ownerArgs,
  ownerTypeOf,
  project,
  projectNumber,
  projectOut,
} from '../projects.js';
import { STATUS_FIELDS, type StatusNode, statusOut, statusUpdate } from '../projects-status.js';
import { projectConnection, VIEW_FIELDS, type ViewNode, view, viewOut } from '../projects-views.js';

export default defineTool({
  name: 'projects_list',
  title: 'List projects or their parts',
  description:
    'list_projects query: title words, is:open. list_project_items: fields or field_names pick the values shown. Cursor paging.',
  inputSchema: z.object({
    method: z.enum([
      'list_projects',
      'list_project_fields',
      'list_project_items',
      'list_project_views',
      'list_project_status_updates',
    ]),
    ...ownerArgs,
    project_number: projectNumber.optional(),
    query: z.string().optional(),
    fields: z.array(z.string()).optional().describe('field ids'),
    field_names: z.array(z.string()).optional(),
    per_page: z.number().int().min(1).max(50).optional(),
    after: z.string().optional(),
    before: z.string().optional(),
  }),
  outputSchema: z.object({
    projects: z.array(projectOut).optional(),
    fields: z.array(fieldOut).optional(),
    items: z.array(itemOut).optional(),
    views: z.array(viewOut).optional(),
    statusUpdates: z.array(statusOut).optional(),
    nextCursor: z.string().optional(),
    prevCursor: z.string().optional(),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'projects',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh.rest.projects;
    const type = await ownerTypeOf(ctx, input);
    const page = {
      per_page: input.per_page ?? 30,
      ...(input.after && { after: input.after }),
      ...(input.before && { before: input.before }),
      request: { signal: ctx.signal },
    };
    const org = { org: input.owner };
    const user = { username: input.owner };
    if (input.method === 'list_projects') {
      const q = input.query ? { q: input.query } : {};
      const res =
        type === 'org'
          ? await gh.listForOrg({ ...page, ...q, ...org })
          : await gh.listForUser({ ...page, ...q, ...user });
      return { projects: res.data.map(project), ...cursorsOf(res.headers) };
    }
    const project_number = needs(input.project_number, 'project_number', input.method);
    const where = { type, owner: input.owner, project_number };
    if (input.method === 'list_project_fields') return { fields: await listFields(ctx, where, page) };
    if (input.method === 'list_project_views') {
      const { nodes, ...cursors } = await projectConnection<ViewNode>(
        ctx,
        where,
        'views',
        VIEW_FIELDS,
        input,
      );
      return { views: nodes.map(view), ...cursors };
    }
    if (input.method === 'list_project_status_updates') {
      const found = await projectConnection<StatusNode>(ctx, where, 'statusUpdates', STATUS_FIELDS, input);
      const { nodes, ...cursors } = found;
      return { statusUpdates: nodes.map(statusUpdate), ...cursors };
    }
    const ids = await fieldIds(ctx, where, input);
    const params = {
      ...page,
      project_number,
      ...(ids && { fields: ids }),
      ...(input.query && { q: input.query }),
    };
    const res =
      type === 'org'
        ? await gh.listItemsForOrg({ ...params, ...org })
        : await gh.listItemsForUser({ ...params, ...user });
    return { items: res.data.map(item), ...cursorsOf(res.headers) };
  },
});
