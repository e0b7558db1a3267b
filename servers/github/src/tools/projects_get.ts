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

export default defineTool({
  name: 'projects_get',
  title: 'Get project, field or item',
  description:
    'method get_project, get_project_field (field_id) or get_project_item (item_id; fields or field_names pick the values shown).',
  inputSchema: z.object({
    method: z.enum(['get_project', 'get_project_field', 'get_project_item']),
    ...ownerArgs,
    project_number: projectNumber,
    field_id: z.number().int().optional(),
    item_id: z.number().int().optional(),
    fields: z.array(z.string()).optional().describe('field ids'),
    field_names: z.array(z.string()).optional(),
  }),
  outputSchema: z.object({
    project: projectOut.optional(),
    field: fieldOut.optional(),
    item: itemOut.optional(),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'projects',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh.rest.projects;
    const type = await ownerTypeOf(ctx, input);
    const base = { project_number: input.project_number, request: { signal: ctx.signal } };
    const org = { ...base, org: input.owner };
    const user = { ...base, username: input.owner };
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
    const ids = await fieldIds(
      ctx,
      { type, owner: input.owner, project_number: input.project_number },
      input,
    );
    const extra = { item_id, ...(ids && { fields: ids }) };
    const res =
      type === 'org'
        ? await gh.getOrgItem({ ...org, ...extra })
        : await gh.getUserItem({ ...user, ...extra });
    return { item: item(res.data) };
  },
});
