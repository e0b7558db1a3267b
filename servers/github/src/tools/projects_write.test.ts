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

  it('creates a view through REST, then changes it over GraphQL', async () => {
    const [, status, estimate] = h.fake.gh.projects[0]?.fields ?? [];
    const created = await h.call('projects_write', {
      method: 'create_project_view',
      ...where,
      name: 'Sizes',
      layout: 'table',
      filter: 'is:open',
      visible_field_names: ['estimate', 'Status'],
    });
    expect(created.isError, created.text).toBe(false);
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/orgs/octo-org/projectsV2/1/views',
      body: { name: 'Sizes', layout: 'table', filter: 'is:open', visible_fields: [estimate?.id, status?.id] },
    });
    const view = (created.structured as { view: { id: string; number: number } }).view;
    expect(view).toMatchObject({ number: 2, layout: 'table', visible_fields: [estimate?.id, status?.id] });
    const updated = await h.call('projects_write', {
      method: 'update_project_view',
      ...where,
      view_id: view.id,
      name: 'Sized',
      layout: 'board',
      filter: null,
      visible_fields: [String(status?.id)],
    });
    expect(updated.structured).toEqual({
      view: {
        id: view.id,
        number: 2,
        name: 'Sized',
        layout: 'board',
        filter: null,
        visible_fields: [status?.id],
      },
    });
    expect(h.fake.gh.graphqlCalls.at(-1)).toMatchObject({
      variables: {
        input: {
          viewId: view.id,
          name: 'Sized',
          layout: 'BOARD_LAYOUT',
          filter: '',
          configuration: { visibleFieldIds: [`PVTF_${status?.id}`] },
        },
      },
      errors: [],
    });
  });

  it('refuses visible fields on a roadmap, a view of another project, and an empty update', async () => {
    const roadmap = await h.call('projects_write', {
      method: 'create_project_view',
      ...where,
      name: 'Plan',
      layout: 'roadmap',
      visible_fields: ['1'],
    });
    expect(roadmap.text).toContain('roadmap view takes no visible fields');
    const other = await h.call('projects_write', {
      method: 'update_project_view',
      ...where,
      view_id: 'PVTV_404',
      name: 'X',
    });
    expect(other.isError).toBe(true);
    const empty = await h.call('projects_write', {
      method: 'update_project_view',
      ...where,
      view_id: 'PVTV_77',
    });
    expect(empty.text).toContain('update_project_view needs one of name');
  });

  it('deletes a view only once the user approves', async () => {
    let answer: 'accept' | 'decline' = 'decline';
    const { asked, options } = elicitingClient(() => answer);
    const app = createApp(testConfig(h.fake.apiUrl), { logger: quietLogger() });
    const client = await connectInProcess(app, options);
    try {
      const args = { method: 'delete_project_view', ...where, view_id: 'PVTV_77' };
      expect((await callTool(client, 'projects_write', args)).isError).toBe(true);
      expect(h.fake.gh.projects[0]?.views.some((v) => v.id === 77)).toBe(true);
      answer = 'accept';
      const done = await callTool(client, 'projects_write', args);
      expect(done.structured).toEqual({ deleted_view_id: 'PVTV_77' });
      expect(asked[0]).toContain('Delete view PVTV_77 of project octo-org#1');
      expect(h.fake.gh.projects[0]?.views.some((v) => v.id === 77)).toBe(false);
    } finally {
      await client.close();
      await app.close();
    }
  });

  it('posts a status update, checking its dates', async () => {
    const bad = await h.call('projects_write', {
      method: 'create_project_status_update',
      ...where,
      status: 'AT_RISK',
      target_date: '31/03/2026',
    });
    expect(bad.text).toContain('target_date must be a date as YYYY-MM-DD');
    const res = await h.call('projects_write', {
      method: 'create_project_status_update',
      ...where,
      status: 'AT_RISK',
      body: 'Blocked on review.',
      start_date: '2026-02-01',
      target_date: '2026-04-30',
    });
    expect(res.structured).toMatchObject({
      statusUpdate: {
        status: 'AT_RISK',
        body: 'Blocked on review.',
        target_date: '2026-04-30',
        creator: 'octocat',
      },
    });
    expect(h.fake.gh.projects[0]?.statusUpdates.at(-1)).toMatchObject({
      status: 'AT_RISK',
      start_date: '2026-02-01',
    });
  });

  it("creates a user's project, a view on it and an iteration field", async () => {
    const created = await h.call('projects_write', {
      method: 'create_project',
      owner: 'octocat',
      owner_type: 'user',
      title: 'Side quests',
    });
    expect(created.structured).toMatchObject({ project: { number: 1, title: 'Side quests' } });
    const mine = { owner: 'octocat', owner_type: 'user', project_number: 1 };
    const view = await h.call('projects_write', {
      method: 'create_project_view',
      ...mine,
      name: 'All',
      layout: 'table',
    });
    expect(view.isError, view.text).toBe(false);
    const octocat = h.fake.gh.users.get('octocat');
    expect(h.fake.gh.calls.at(-1)?.path).toBe(`/users/${octocat?.id}/projectsV2/1/views`);
    // A view id is global: one of another project is refused, not changed.
    const viewId = (view.structured as { view: { id: string } }).view.id;
    const elsewhere = await h.call('projects_write', {
      method: 'update_project_view',
      ...where,
      view_id: viewId,
      name: 'Moved',
    });
    expect(elsewhere.text).toContain(`View ${viewId} is not in project octo-org#1`);
    expect(h.fake.gh.projects.at(-1)?.views[0]?.name).toBe('All');
    const sprint = await h.call('projects_write', {
      method: 'create_iteration_field',
      ...mine,
      field_name: 'Sprint',
      iteration_duration: 14,
      start_date: '2026-01-05',
    });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/users/octocat/projectsV2/1/fields',
      body: {
        name: 'Sprint',
        data_type: 'iteration',
        iteration_configuration: { start_date: '2026-01-05', duration: 14 },
      },
    });
    expect(sprint.structured).toMatchObject({
      field: {
        name: 'Sprint',
        iterations: [
          { title: 'Iteration 1', start_date: '2026-01-05', duration: 14 },
          { title: 'Iteration 2', start_date: '2026-01-19', duration: 14 },
          { title: 'Iteration 3', start_date: '2026-02-02', duration: 14 },
        ],
      },
    });
    const custom = await h.call('projects_write', {
      method: 'create_iteration_field',
      ...mine,
      field_name: 'Cycle',
      iteration_duration: 7,
      start_date: '2026-01-05',
      iterations: [{ title: 'Kickoff', start_date: '2026-01-05', duration: 3 }],
    });
    expect(custom.structured).toMatchObject({
      field: { iterations: [{ title: 'Kickoff', start_date: '2026-01-05', duration: 3 }] },
    });
  });
});
