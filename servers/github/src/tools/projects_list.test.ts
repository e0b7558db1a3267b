import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const org = { owner: 'octo-org', owner_type: 'org' };

describe('projects_list', () => {
  const h = useHarness();

  it("lists an organization's projects, detecting the owner's kind when not given", async () => {
    const res = await h.call('projects_list', {
      method: 'list_projects',
      owner: 'octo-org',
      query: 'road is:open',
    });
    expect(res.structured).toEqual({
      projects: [
        { number: 1, title: 'Roadmap', description: 'What ships when', public: true, closed: false },
      ],
    });
    expect(h.fake.gh.calls.slice(-2).map((c) => c.path)).toEqual([
      '/users/octo-org',
      '/orgs/octo-org/projectsV2',
    ]);
  });

  it('lists fields, and items with the values of the fields named', async () => {
    const fields = await h.call('projects_list', {
      method: 'list_project_fields',
      ...org,
      project_number: 1,
    });
    expect(fields.structured).toMatchObject({
      fields: [
        { name: 'Title', type: 'title' },
        { name: 'Status', type: 'single_select', options: [{ name: 'Todo' }, { name: 'Done' }] },
        { name: 'Estimate', type: 'number' },
      ],
    });
    const items = await h.call('projects_list', {
      method: 'list_project_items',
      ...org,
      project_number: 1,
      field_names: ['status'],
    });
    expect(items.structured).toMatchObject({
      items: [{ type: 'Issue', number: 1, fields: [{ name: 'Status', value: 'Todo' }] }],
    });
    const status = (fields.structured as { fields: Array<{ id: number; name: string }> }).fields[1];
    expect(h.fake.gh.calls.at(-1)?.query).toContain(`fields=${status?.id}`);
  });

  it('lists views and status updates over GraphQL, with cursors', async () => {
    const views = await h.call('projects_list', { method: 'list_project_views', ...org, project_number: 1 });
    const status = h.fake.gh.projects[0]?.fields[1];
    expect(views.structured).toEqual({
      views: [
        {
          id: 'PVTV_77',
          number: 1,
          name: 'By status',
          layout: 'board',
          filter: 'is:open',
          visible_fields: [status?.id],
        },
      ],
    });
    expect(h.fake.gh.graphqlCalls.at(-1)?.errors).toEqual([]);
    const updates = await h.call('projects_list', {
      method: 'list_project_status_updates',
      ...org,
      project_number: 1,
      per_page: 1,
    });
    expect(updates.structured).toEqual({
      statusUpdates: [
        {
          id: 'PVTSU_78',
          status: 'ON_TRACK',
          body: 'On schedule.',
          start_date: '2026-01-05',
          target_date: '2026-03-31',
          created_at: '2026-01-03T09:00:00Z',
          creator: 'octocat',
        },
      ],
    });
    expect(h.fake.gh.graphqlCalls.at(-1)?.variables).toMatchObject({
      owner: 'octo-org',
      number: 1,
      first: 1,
    });
  });

  it('says a project it cannot find is missing', async () => {
    const res = await h.call('projects_list', { method: 'list_project_views', ...org, project_number: 9 });
    expect(res.isError).toBe(true);
    expect(res.text).toMatch(/ProjectV2 with the number 9/);
  });

  it('asks for project_number, and refuses an unknown field name', async () => {
    const missing = await h.call('projects_list', { method: 'list_project_items', ...org });
    expect(missing.text).toContain('list_project_items needs project_number');
    const unknown = await h.call('projects_list', {
      method: 'list_project_items',
      ...org,
      project_number: 1,
      field_names: ['Sprint'],
    });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain('No field "Sprint"');
  });
});
