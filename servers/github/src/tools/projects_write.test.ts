import { callTool, connectInProcess } from '@refmcp/core/testing';
import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { elicitingClient, quietLogger, testConfig, useHarness } from '../test-helpers.js';

const where = { owner: 'octo-org', owner_type: 'org', project_number: 1 };

describe('projects_write', () => {
  const h = useHarness();

  it('adds an issue and sets a single select by field and option name', async () => {
    h.fake.gh.repo('octo-org', 'tools')?.collaborators.set('octocat', 'write');
    const added = await h.call('projects_write', {
      method: 'add_project_item',
      ...where,
      item_type: 'issue',
      item_owner: 'octocat',
      item_repo: 'hello-world',
      issue_number: 2,
    });
    expect(added.isError, added.text).toBe(false);
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/orgs/octo-org/projectsV2/1/items',
      body: { type: 'Issue', owner: 'octocat', repo: 'hello-world', number: 2 },
      token: TOKEN,
    });
    const itemId = (added.structured as { items: Array<{ id: number }> }).items[0]?.id;
    const updated = await h.call('projects_write', {
      method: 'update_project_item',
      ...where,
      item_id: itemId,
      updated_field: { name: 'Status', value: 'Done' },
    });
    expect(updated.isError, updated.text).toBe(false);
    const status = h.fake.gh.projects[0]?.fields[1];
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'PATCH',
      body: { fields: [{ id: status?.id, value: '47fc9ee4' }] },
    });
    const item = h.fake.gh.projects[0]?.items.find((i) => i.id === itemId);
    expect(item?.values[status?.id ?? 0]).toBe('47fc9ee4');
  });

  it('updates several items with one field value', async () => {
    const project = h.fake.gh.projects[0];
    const estimate = project?.fields[2];
    const ids = project?.items.map((i) => ({ item_id: i.id })) ?? [];
    const res = await h.call('projects_write', {
      method: 'update_project_items',
      ...where,
      items: ids,
      updated_field: { id: estimate?.id, value: 5 },
    });
    expect(res.isError, res.text).toBe(false);
    expect(project?.items.every((i) => i.values[estimate?.id ?? 0] === 5)).toBe(true);
  });

  it('deletes an item only once the user approves', async () => {
    const itemId = h.fake.gh.projects[0]?.items[0]?.id;
    let answer: 'accept' | 'decline' = 'decline';
    const { asked, options } = elicitingClient(() => answer);
    const app = createApp(testConfig(h.fake.apiUrl), { logger: quietLogger() });
    const client = await connectInProcess(app, options);
    try {
      const args = { method: 'delete_project_item', ...where, item_id: itemId };
      expect((await callTool(client, 'projects_write', args)).isError).toBe(true);
      expect(h.fake.gh.projects[0]?.items.some((i) => i.id === itemId)).toBe(true);
      answer = 'accept';
      const done = await callTool(client, 'projects_write', args);
      expect(done.structured).toEqual({ deleted: itemId });
      expect(asked[0]).toContain(`Delete item ${itemId} from project octo-org#1`);
      expect(h.fake.gh.projects[0]?.items.some((i) => i.id === itemId)).toBe(false);
    } finally {
      await client.close();
      await app.close();
    }
  });
});
