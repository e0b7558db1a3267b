import { InvalidInputError } from '@refmcp/core';
import type { GitHubContext } from './deps.js';
import { item, listFields, needs } from './projects.js';
import type { Where } from './projects-views.js';

/** projects_write's item methods, through REST as github-mcp-server's ids are REST's. */

type FieldValue = string | number | null;
export interface ItemInput {
  method: 'add_project_item' | 'update_project_item' | 'update_project_items' | 'delete_project_item';
  item_type?: 'issue' | 'pull_request' | undefined;
  item_owner?: string | undefined;
  item_repo?: string | undefined;
  issue_number?: number | undefined;
  pull_request_number?: number | undefined;
  item_id?: number | undefined;
  items?: Array<{ item_id: number }> | undefined;
  updated_field?: { id: number; value: FieldValue } | { name: string; value: FieldValue } | undefined;
}

export async function writeItems(ctx: GitHubContext, where: Where, input: ItemInput) {
  const gh = ctx.deps.gh.rest.projects;
  const type = where.type;
  const base = { project_number: where.project_number, request: { signal: ctx.signal } };
  const org = { ...base, org: where.owner };
  const user = { ...base, username: where.owner };
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
    const all = await listFields(ctx, where);
    const found = all.find((f) => f.name.toLowerCase() === update.name.toLowerCase());
    if (!found)
      throw new InvalidInputError(`No field "${update.name}". Known: ${all.map((f) => f.name).join(', ')}.`);
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
}
