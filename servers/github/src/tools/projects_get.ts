import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import {
  field,
  fieldIds,
  fieldOut,
  item,
  itemOut,
  needs,
  ownerArgs,
  ownerTypeOf,
  project,
  projectNumber,
  projectOut,
} from '../projects.js';
import { STATUS_FIELDS, type StatusNode, statusOut, statusUpdate } from '../projects-status.js';
import { nodeOf, VIEW_FIELDS, type ViewNode, view, viewOut } from '../projects-views.js';

export default defineTool({
  name: 'projects_get',
  title: 'Get a project or a part of it',
  description:
    'get_project_item: fields or field_names pick the values shown. Views and status updates by node id alone.',
  inputSchema: z.object({
    method: z.enum([
      'get_project',
      'get_project_field',
      'get_project_item',
      'get_project_view',
      'get_project_status_update',
    ]),
    ...ownerArgs,
    owner: ownerArgs.owner.optional(),
    project_number: projectNumber.optional(),
    field_id: z.number().int().optional(),
    item_id: z.number().int().optional(),
    fields: z.array(z.string()).optional().describe('field ids'),
    field_names: z.array(z.string()).optional(),
    view_id: z.string().optional(),
    status_update_id: z.string().optional(),
  }),
  outputSchema: z.object({
    project: projectOut.optional(),
    field: fieldOut.optional(),
    item: itemOut.optional(),
    view: viewOut.optional(),
    statusUpdate: statusOut.optional(),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'projects',
  handler: async (input, ctx) => {
    const m = input.method;
    // Views and status updates are found by their global node id alone.
    if (m === 'get_project_view') {
      const id = needs(input.view_id, 'view_id', m);
      return { view: view(await nodeOf<ViewNode>(ctx, id, 'ProjectV2View', VIEW_FIELDS)) };
    }
    if (m === 'get_project_status_update') {
      const id = needs(input.status_update_id, 'status_update_id', m);
      return {
        statusUpdate: statusUpdate(await nodeOf<StatusNode>(ctx, id, 'ProjectV2StatusUpdate', STATUS_FIELDS)),
      };
    }
    const gh = ctx.deps.gh.rest.projects;
    const project_number = needs(input.project_number, 'project_number', m);
    const owner = needs(input.owner, 'owner', m);
    const type = await ownerTypeOf(ctx, { owner, owner_type: input.owner_type });
    const base = { project_number, request: { signal: ctx.signal } };
    const org = { ...base, org: owner };
    const user = { ...base, username: owner };
    if (input.method === 'get_project') {
      const res = type === 'org' ? await gh.getForOrg(org) : await gh.getForUser(user);
      return { project: project(res.data) };
    }
    if (input.method === 'get_project_field') {
      const field_id = needs(input.field_id, 'field_id', input.method);
      const res =
        type === 'org'
          ? await gh.getFieldForOrg({ ...org, field_id })
          : await gh.getFieldForUser({ ...user, field_id });
      return { field: field(res.data) };
    }
    const item_id = needs(input.item_id, 'item_id', input.method);
    const ids = await fieldIds(ctx, { type, owner, project_number }, input);
    const extra = { item_id, ...(ids && { fields: ids }) };
    const res =
      type === 'org'
        ? await gh.getOrgItem({ ...org, ...extra })
        : await gh.getUserItem({ ...user, ...extra });
    return { item: item(res.data) };
  },
});
