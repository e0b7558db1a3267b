import { destructive } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { itemOut, needs, ownerArgs, ownerTypeOf, projectNumber } from '../projects.js';
import { type ItemInput, writeItems } from '../projects-items.js';
import {
  createdProjectOut,
  createIterationField,
  createProject,
  createStatusUpdate,
  iterationFieldOut,
  STATUSES,
  statusOut,
} from '../projects-status.js';
import { createView, deleteView, LAYOUTS, updateView, viewOut } from '../projects-views.js';

const fieldValue = z
  .union([z.string(), z.number(), z.null()])
  .describe('option id for single select; null clears');

const ITEM_METHODS = [
  'add_project_item',
  'update_project_item',
  'update_project_items',
  'delete_project_item',
];

export default defineTool({
  name: 'projects_write',
  title: 'Change projects',
  description:
    'add_project_item: item_owner, item_repo, issue_number or pull_request_number. update_project_item(s): item_id or items, updated_field {id or name, value}. create_iteration_field: field_name, iteration_duration (days), start_date. Deletes ask the user.',
  inputSchema: z.object({
    method: z.enum([
      'add_project_item',
      'update_project_item',
      'update_project_items',
      'delete_project_item',
      'create_project',
      'create_project_status_update',
      'create_project_view',
      'update_project_view',
      'delete_project_view',
      'create_iteration_field',
    ]),
    ...ownerArgs,
    project_number: projectNumber.optional(),
    item_type: z.enum(['issue', 'pull_request']).optional(),
    item_owner: z.string().optional(),
    item_repo: z.string().optional(),
    issue_number: z.number().int().optional(),
    pull_request_number: z.number().int().optional(),
    item_id: z.number().int().optional(),
    items: z
      .array(z.object({ item_id: z.number().int() }))
      .max(50)
      .optional(),
    updated_field: z
      .union([
        z.object({ id: z.number().int(), value: fieldValue }),
        z.object({ name: z.string(), value: fieldValue }),
      ])
      .optional(),
    title: z.string().optional(),
    body: z.string().optional(),
    status: z.enum(STATUSES).optional(),
    start_date: z.string().optional(),
    target_date: z.string().optional(),
    view_id: z.string().optional(),
    name: z.string().optional(),
    layout: z.enum(LAYOUTS).optional(),
    filter: z.string().nullable().optional().describe('null clears'),
    visible_fields: z.array(z.string()).optional().describe('field ids'),
    visible_field_names: z.array(z.string()).optional(),
    field_name: z.string().optional(),
    iteration_duration: z.number().int().optional(),
    iterations: z
      .array(z.object({ title: z.string(), start_date: z.string(), duration: z.number() }))
      .optional(),
  }),
  outputSchema: z.object({
    items: z.array(itemOut).optional(),
    deleted: z.number().optional(),
    project: createdProjectOut.optional(),
    statusUpdate: statusOut.optional(),
    view: viewOut.optional(),
    deleted_view_id: z.string().optional(),
    field: iterationFieldOut.optional(),
  }),
  annotations: destructive({ openWorld: true }),
  toolset: 'projects',
  // Everything else can be undone; deleting an item drops its field values, a view its setup.
  confirm: (input) =>
    input.method === 'delete_project_item'
      ? `Delete item ${input.item_id} from project ${input.owner}#${input.project_number}`
      : input.method === 'delete_project_view'
        ? `Delete view ${input.view_id} of project ${input.owner}#${input.project_number}`
        : undefined,
  handler: async (input, ctx) => {
    const m = input.method;
    // The owner's kind does not matter here: its node id is its GraphQL id either way.
    if (m === 'create_project') {
      return { project: await createProject(ctx, input.owner, needs(input.title, 'title', m)) };
    }
    const type = await ownerTypeOf(ctx, input);
    const where = {
      type,
      owner: input.owner,
      project_number: needs(input.project_number, 'project_number', m),
    };
    if (ITEM_METHODS.includes(m))
      return writeItems(ctx, where, { ...input, method: m as ItemInput['method'] });
    if (m === 'create_project_status_update')
      return { statusUpdate: await createStatusUpdate(ctx, where, input) };
    if (m === 'create_project_view') {
      const view = await createView(ctx, where, {
        ...input,
        name: needs(input.name, 'name', m),
        layout: needs(input.layout, 'layout', m),
      });
      return { view };
    }
    if (m === 'update_project_view') {
      return { view: await updateView(ctx, where, needs(input.view_id, 'view_id', m), input) };
    }
    if (m === 'delete_project_view') {
      return { deleted_view_id: await deleteView(ctx, where, needs(input.view_id, 'view_id', m)) };
    }
    const field = await createIterationField(ctx, where, {
      field_name: needs(input.field_name, 'field_name', m),
      iteration_duration: needs(input.iteration_duration, 'iteration_duration', m),
      start_date: needs(input.start_date, 'start_date', m),
      iterations: input.iterations,
    });
    return { field };
  },
});
