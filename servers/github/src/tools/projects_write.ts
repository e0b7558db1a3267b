import { destructive, InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { item, itemOut, listFields, needs, ownerArgs, ownerTypeOf, projectNumber } from '../projects.js';

const fieldValue = z
  .union([z.string(), z.number(), z.null()])
  .describe('option id for single select; null clears');

export default defineTool({
  name: 'projects_write',
  title: 'Change project items',
  description:
    'method add_project_item (item_owner, item_repo, issue_number or pull_request_number), update_project_item (item_id, updated_field {id or name, value}), update_project_items (items: [{item_id}]) or delete_project_item (asks the user).',
  inputSchema: z.object({
    method: z.enum([
      'add_project_item',
      'update_project_item',
      'update_project_items',
      'delete_project_item',
    ]),
    ...ownerArgs,
    project_number: projectNumber,
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
  }),
  outputSchema: z.object({ items: z.array(itemOut).optional(), deleted: z.number().optional() }),
  annotations: destructive({ openWorld: true }),
  toolset: 'projects',
  // Adding and changing items can be undone; deleting one drops its field values for good.
  confirm: (input) =>
    input.method === 'delete_project_item'
      ? `Delete item ${input.item_id} from project ${input.owner}#${input.project_number}`
      : undefined,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh.rest.projects;
    const type = await ownerTypeOf(ctx, input);
    const base = { project_number: input.project_number, request: { signal: ctx.signal } };
    const org = { ...base, org: input.owner };
    const user = { ...base, username: input.owner };
    const m = input.method;
    if (m === 'add_project_item') {
      const isPull = input.item_type === 'pull_request' || input.pull_request_number !== undefined;
      // GitHub takes the item by owner, repo and number (or by database id); Octokit's types know
      // only the id form of that documented choice, hence the cast.
      const body = {
        type: isPull ? 'PullRequest' : 'Issue',
        owner: needs(input.item_owner, 'item_owner', m),
        repo: needs(input.item_repo, 'item_repo', m),
        number: needs(
          isPull ? input.pull_request_number : input.issue_number,
          'issue_number or pull_request_number',
          m,
        ),
      } as unknown as { type: 'Issue' | 'PullRequest'; id: number };
      const res =
        type === 'org'
          ? await gh.addItemForOrg({ ...org, ...body })
          : await gh.addItemForUser({ ...user, ...body });
      return { items: [item({ ...res.data, fields: [] })] };
    }
    if (m === 'delete_project_item') {
      const item_id = needs(input.item_id, 'item_id', m);
      if (type === 'org') await gh.deleteItemForOrg({ ...org, item_id });
      else await gh.deleteItemForUser({ ...user, item_id });
      return { deleted: item_id };
    }
    const update = needs(input.updated_field, 'updated_field', m);
    let id: number;
    if ('id' in update) id = update.id;
    else {
      const all = await listFields(ctx, { type, owner: input.owner, project_number: input.project_number });
      const found = all.find((f) => f.name.toLowerCase() === update.name.toLowerCase());
      if (!found)
        throw new InvalidInputError(
          `No field "${update.name}". Known: ${all.map((f) => f.name).join(', ')}.`,
        );
      // A single select takes an option id; an option's name is accepted too.
      id = found.id;
      const option = found.options?.find((o) => o.name === update.value);
      if (option) update.value = option.id;
    }
    const ids =
      m === 'update_project_item'
        ? [needs(input.item_id, 'item_id', m)]
        : needs(input.items, 'items', m).map((i) => i.item_id);
    const fields = [{ id, value: update.value }];
    const items = [];
    for (const item_id of ids) {
      const res =
        type === 'org'
          ? await gh.updateItemForOrg({ ...org, item_id, fields })
          : await gh.updateItemForUser({ ...user, item_id, fields });
      items.push(item(res.data));
    }
    return { items };
  },
});
