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
